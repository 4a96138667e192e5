import { apiRoute } from '@/lib/api/route';
import { monitoringApi } from '@/lib/monitoring/api-spec';
import { actOnAlert } from '@/lib/monitoring/mutations';

export const POST = apiRoute(monitoringApi.actOnAlert, ({ actor, params, body }) => actOnAlert(actor, params.id, body));
