import { apiRoute } from '@/lib/api/route';
import { certificationsApi } from '@/lib/audits/certifications/api-spec';
import { createCertification } from '@/lib/audits/certifications/mutations';
import { listCertifications } from '@/lib/audits/certifications/queries';

export const GET = apiRoute(certificationsApi.list, ({ actor }) => listCertifications(actor));
export const POST = apiRoute(certificationsApi.create, ({ actor, body }) => createCertification(actor, body));
