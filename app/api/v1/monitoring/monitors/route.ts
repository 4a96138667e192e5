import { apiRoute } from '@/lib/api/route';
import { monitoringApi } from '@/lib/monitoring/api-spec';
import { createMonitor } from '@/lib/monitoring/mutations';
import { listMonitors } from '@/lib/monitoring/queries';

export const GET = apiRoute(monitoringApi.list, ({ actor, query }) => listMonitors(actor, query));

export const POST = apiRoute(monitoringApi.create, ({ actor, body }) => createMonitor(actor, body));
