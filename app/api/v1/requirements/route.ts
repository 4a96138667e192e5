import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { createRequirement } from '@/lib/requirements/mutations';
import { listRequirements } from '@/lib/requirements/queries';

export const GET = apiRoute(api.listRequirements, ({ actor, query }) => listRequirements(actor, query));

export const POST = apiRoute(api.createRequirement, ({ actor, body }) => createRequirement(actor, body));
