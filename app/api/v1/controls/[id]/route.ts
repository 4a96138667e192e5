import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { updateControl } from '@/lib/requirements/mutations';

export const PATCH = apiRoute(api.updateControl, ({ actor, params, body }) => updateControl(actor, { ...body, id: params.id }));
