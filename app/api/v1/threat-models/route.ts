import { apiRoute } from '@/lib/api/route';
import { threatsApi } from '@/lib/threats/api-spec';
import { createThreatModel } from '@/lib/threats/mutations';
import { listThreatModels } from '@/lib/threats/queries';

export const GET = apiRoute(threatsApi.list, ({ actor, query }) => listThreatModels(actor, query));
export const POST = apiRoute(threatsApi.create, ({ actor, body }) => createThreatModel(actor, body));
