import { apiRoute } from '@/lib/api/route';
import { incidentsApi } from '@/lib/incidents/api-spec';
import { updateIncident } from '@/lib/incidents/mutations';
import { getIncident } from '@/lib/incidents/queries';

export const GET = apiRoute(incidentsApi.get, ({ actor, params }) => getIncident(actor, params.id));

export const PATCH = apiRoute(incidentsApi.update, ({ actor, params, body }) => updateIncident(actor, params.id, body));
