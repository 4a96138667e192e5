import { apiRoute } from '@/lib/api/route';
import { redTeamApi } from '@/lib/threats/red-team/api-spec';
import { completeRedTeamExercise } from '@/lib/threats/red-team/mutations';

export const POST = apiRoute(redTeamApi.complete, ({ actor, params }) => completeRedTeamExercise(actor, { id: params.id }));
