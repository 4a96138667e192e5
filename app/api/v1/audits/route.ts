import { apiRoute } from '@/lib/api/route';
import { auditsApi } from '@/lib/audits/audits/api-spec';
import { createAudit } from '@/lib/audits/audits/mutations';
import { listAudits } from '@/lib/audits/audits/queries';

export const GET = apiRoute(auditsApi.list, ({ actor, query }) => listAudits(actor, query));
export const POST = apiRoute(auditsApi.create, ({ actor, body }) => createAudit(actor, body));
