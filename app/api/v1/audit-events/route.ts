import { apiRoute } from '@/lib/api/route';
import { auditApi } from '@/lib/audit/api-spec';
import { listAuditEvents } from '@/lib/audit/queries';

export const GET = apiRoute(auditApi.list, ({ actor, query }) => listAuditEvents(actor, query));
