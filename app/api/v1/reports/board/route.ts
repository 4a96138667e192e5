import { apiRoute } from '@/lib/api/route';
import { documentResponse } from '@/lib/reports/http';
import { reportsApi } from '@/lib/reports/api-spec';
import { exportBoardReport } from '@/lib/reports/queries';

export const GET = apiRoute(reportsApi.boardReport, async ({ actor, query }) => documentResponse(await exportBoardReport(actor, query)));
