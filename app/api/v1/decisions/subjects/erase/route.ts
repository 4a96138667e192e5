import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { eraseSubject } from '@/lib/decisions/subjects';

export const POST = apiRoute(decisionsApi.erase, ({ actor, body }) => eraseSubject(actor, body.subjectRef, body.reason));
