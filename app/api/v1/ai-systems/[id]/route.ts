import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { updateSystem } from '@/lib/requirements/mutations';

export const PATCH = apiRoute(api.updateSystem, ({ actor, params, body }) => updateSystem(actor, { ...body, id: params.id }));
