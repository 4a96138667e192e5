import { apiRoute } from '@/lib/api/route';
import { threatsApi } from '@/lib/threats/api-spec';
import { removeThreatEntry, updateThreatEntry } from '@/lib/threats/mutations';

export const PUT = apiRoute(threatsApi.updateEntry, ({ actor, params, body }) => updateThreatEntry(actor, { ...body, id: params.entryId }, params.id));
export const DELETE = apiRoute(threatsApi.removeEntry, ({ actor, params }) => removeThreatEntry(actor, { id: params.entryId }, params.id));
