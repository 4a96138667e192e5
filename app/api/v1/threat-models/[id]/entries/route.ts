import { apiRoute } from '@/lib/api/route';
import { threatsApi } from '@/lib/threats/api-spec';
import { addThreatEntry } from '@/lib/threats/mutations';

export const POST = apiRoute(threatsApi.addEntry, ({ actor, params, body }) => addThreatEntry(actor, { ...body, threatModelId: params.id }));
