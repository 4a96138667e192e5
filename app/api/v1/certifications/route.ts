import { apiRoute } from '@/lib/api/route';
import { certificationsApi } from '@/lib/audits/api-spec';
import { createCertification } from '@/lib/audits/mutations';
import { listCertifications } from '@/lib/audits/queries';

export const GET = apiRoute(certificationsApi.list, ({ actor }) => listCertifications(actor));
export const POST = apiRoute(certificationsApi.create, ({ actor, body }) => createCertification(actor, body));
