import { apiRoute } from '@/lib/api/route';
import { redTeamApi } from '@/lib/threats/red-team/api-spec';
import { createRedTeamExercise } from '@/lib/threats/red-team/mutations';
import { listRedTeamExercises } from '@/lib/threats/red-team/queries';

export const GET = apiRoute(redTeamApi.list, ({ actor, query }) => listRedTeamExercises(actor, query));
export const POST = apiRoute(redTeamApi.create, ({ actor, body }) => createRedTeamExercise(actor, body));
