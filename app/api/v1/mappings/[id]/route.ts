import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { removeMapping } from '@/lib/requirements/mutations';

export const DELETE = apiRoute(api.deleteMapping, ({ actor, params }) => removeMapping(actor, params.id));
