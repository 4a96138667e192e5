import { apiRoute } from '@/lib/api/route';
import { documentResponse } from '@/lib/reports/http';
import { reportsApi } from '@/lib/reports/api-spec';
import { exportAuditReport } from '@/lib/reports/queries';

export const GET = apiRoute(reportsApi.auditReport, async ({ actor, params, query }) => documentResponse(await exportAuditReport(actor, params.id, query)));
