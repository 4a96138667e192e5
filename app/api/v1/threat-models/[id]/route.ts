import { apiRoute } from '@/lib/api/route';
import { threatsApi } from '@/lib/threats/api-spec';
import { updateThreatModel } from '@/lib/threats/mutations';
import { getThreatModel } from '@/lib/threats/queries';

export const GET = apiRoute(threatsApi.get, ({ actor, params }) => getThreatModel(actor, params.id));
export const PUT = apiRoute(threatsApi.update, ({ actor, params, body }) => updateThreatModel(actor, { ...body, id: params.id }));
