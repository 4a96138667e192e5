import { apiRoute } from '@/lib/api/route';
import { auditsApi } from '@/lib/audits/api-spec';
import { getAuditSettings, updateAuditSettings } from '@/lib/audits/settings';

export const GET = apiRoute(auditsApi.getSettings, ({ actor }) => getAuditSettings(actor));
export const PUT = apiRoute(auditsApi.putSettings, ({ actor, body }) => updateAuditSettings(actor, body));
