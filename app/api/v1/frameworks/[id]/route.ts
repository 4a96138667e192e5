import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { updateFramework } from '@/lib/requirements/mutations';

export const PATCH = apiRoute(api.updateFramework, ({ actor, params, body }) => updateFramework(actor, { ...body, id: params.id }));
