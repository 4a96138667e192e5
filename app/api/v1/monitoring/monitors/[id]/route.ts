import { apiRoute } from '@/lib/api/route';
import { monitoringApi } from '@/lib/monitoring/api-spec';
import { getVersionMonitoring } from '@/lib/monitoring/queries';

export const GET = apiRoute(monitoringApi.get, ({ actor, params }) => getVersionMonitoring(actor, params.id));
