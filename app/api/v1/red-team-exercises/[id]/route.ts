import { apiRoute } from '@/lib/api/route';
import { redTeamApi } from '@/lib/threats/red-team/api-spec';
import { getRedTeamExercise } from '@/lib/threats/red-team/queries';

export const GET = apiRoute(redTeamApi.get, ({ actor, params }) => getRedTeamExercise(actor, params.id));
