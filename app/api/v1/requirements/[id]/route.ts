import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { updateRequirement } from '@/lib/requirements/mutations';
import { getRequirement } from '@/lib/requirements/queries';

export const GET = apiRoute(api.getRequirement, ({ actor, params }) => getRequirement(actor, params.id));

export const PATCH = apiRoute(api.updateRequirement, ({ actor, params, body }) => updateRequirement(actor, { ...body, id: params.id }));
