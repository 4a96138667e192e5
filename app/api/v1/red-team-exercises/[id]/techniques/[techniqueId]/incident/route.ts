import { apiRoute } from '@/lib/api/route';
import { redTeamApi } from '@/lib/threats/red-team/api-spec';
import { openIncidentFromRedTeam } from '@/lib/threats/red-team/mutations';

export const POST = apiRoute(redTeamApi.openIncident, ({ actor, params, body }) => openIncidentFromRedTeam(actor, { ...body, id: params.techniqueId }, params.id));
