import { apiRoute } from '@/lib/api/route';
import { auditApi } from '@/lib/audit/api-spec';
import { verifyAuditTrail } from '@/lib/audit/queries';

export const GET = apiRoute(auditApi.verify, ({ actor }) => verifyAuditTrail(actor));
