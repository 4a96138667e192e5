import { apiRoute } from '@/lib/api/route';
import { redTeamApi } from '@/lib/threats/red-team/api-spec';
import { recordRedTeamResult } from '@/lib/threats/red-team/mutations';

export const PUT = apiRoute(redTeamApi.result, ({ actor, params, body }) => recordRedTeamResult(actor, { ...body, id: params.techniqueId }, params.id));
