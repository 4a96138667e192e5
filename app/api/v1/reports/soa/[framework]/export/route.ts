import { apiRoute } from '@/lib/api/route';
import { documentResponse } from '@/lib/reports/http';
import { reportsApi } from '@/lib/reports/api-spec';
import { exportStatementOfApplicability } from '@/lib/reports/queries';

export const GET = apiRoute(reportsApi.soaExport, async ({ actor, params, query }) => documentResponse(await exportStatementOfApplicability(actor, params.framework, query)));
