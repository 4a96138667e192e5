import { apiRoute } from '@/lib/api/route';
import { auditsApi } from '@/lib/audits/audits/api-spec';
import { updateAudit } from '@/lib/audits/audits/mutations';
import { getAudit } from '@/lib/audits/audits/queries';

export const GET = apiRoute(auditsApi.get, ({ actor, params }) => getAudit(actor, params.id));
export const PATCH = apiRoute(auditsApi.update, ({ actor, params, body }) => updateAudit(actor, { ...body, id: params.id }));
