import { apiRoute } from '@/lib/api/route';
import { monitoringApi } from '@/lib/monitoring/api-spec';
import { ingestWindows } from '@/lib/monitoring/mutations';

export const POST = apiRoute(monitoringApi.windows, ({ actor, params, body }) => ingestWindows(actor, params.id, body.windows));
