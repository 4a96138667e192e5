import { apiRoute } from '@/lib/api/route';
import { monitoringApi } from '@/lib/monitoring/api-spec';
import { ingestRows } from '@/lib/monitoring/mutations';

export const POST = apiRoute(monitoringApi.rows, ({ actor, params, body }) => ingestRows(actor, params.id, body));
