import { apiRoute } from '@/lib/api/route';
import { monitoringApi } from '@/lib/monitoring/api-spec';
import { ingestEvidentlyReport } from '@/lib/monitoring/mutations';

export const POST = apiRoute(monitoringApi.evidently, ({ actor, params, body }) => ingestEvidentlyReport(actor, params.id, body));
