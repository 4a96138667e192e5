import { apiRoute } from '@/lib/api/route';
import { reportsApi } from '@/lib/reports/api-spec';
import { documentResponse } from '@/lib/reports/http';
import { exportMonitoringPlan } from '@/lib/reports/queries';

export const GET = apiRoute(reportsApi.monitoringPlan, async ({ actor, params, query }) => documentResponse(await exportMonitoringPlan(actor, params.id, query)));
