import { apiRoute } from '@/lib/api/route';
import { auditSettingsApi } from '@/lib/audits/settings/api-spec';
import { getAuditSettings } from '@/lib/audits/settings/queries';
import { updateAuditSettings } from '@/lib/audits/settings/mutations';

export const GET = apiRoute(auditSettingsApi.get, ({ actor }) => getAuditSettings(actor));
export const PUT = apiRoute(auditSettingsApi.put, ({ actor, body }) => updateAuditSettings(actor, body));
