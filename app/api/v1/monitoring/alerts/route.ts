import { apiRoute } from '@/lib/api/route';
import { monitoringApi } from '@/lib/monitoring/api-spec';
import { listAlerts } from '@/lib/monitoring/queries';

export const GET = apiRoute(monitoringApi.alerts, ({ actor, query }) => listAlerts(actor, query));
