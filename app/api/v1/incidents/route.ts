import { apiRoute } from '@/lib/api/route';
import { incidentsApi } from '@/lib/incidents/api-spec';
import { reportIncident } from '@/lib/incidents/mutations';
import { listIncidents } from '@/lib/incidents/queries';

export const GET = apiRoute(incidentsApi.list, ({ actor, query }) => listIncidents(actor, query));

export const POST = apiRoute(incidentsApi.create, ({ actor, body }) => reportIncident(actor, body));
