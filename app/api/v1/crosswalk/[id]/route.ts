import { apiRoute } from '@/lib/api/route';
import { crosswalkApi as api } from '@/lib/requirements/crosswalk-api-spec';
import { removeCrosswalkMapping, updateCrosswalkMapping } from '@/lib/requirements/mutations';

export const PATCH = apiRoute(api.updateCrosswalkMapping, ({ actor, params, body }) => updateCrosswalkMapping(actor, { ...body, id: params.id }));

export const DELETE = apiRoute(api.removeCrosswalkMapping, ({ actor, params }) => removeCrosswalkMapping(actor, params.id));
