import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { findDecisionsBySubject } from '@/lib/decisions/subjects';

export const GET = apiRoute(decisionsApi.subject, ({ actor, query }) => findDecisionsBySubject(actor, query.system ?? null, query.ref));
