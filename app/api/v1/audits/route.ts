import { apiRoute } from '@/lib/api/route';
import { auditsApi } from '@/lib/audits/api-spec';
import { createAudit } from '@/lib/audits/mutations';
import { listAudits } from '@/lib/audits/queries';

export const GET = apiRoute(auditsApi.list, ({ actor, query }) => listAudits(actor, query));
export const POST = apiRoute(auditsApi.create, ({ actor, body }) => createAudit(actor, body));
