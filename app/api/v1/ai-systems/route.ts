import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { createSystem } from '@/lib/requirements/mutations';
import { listSystems } from '@/lib/requirements/queries';

export const GET = apiRoute(api.listSystems, ({ actor }) => listSystems(actor));

export const POST = apiRoute(api.createSystem, ({ actor, body }) => createSystem(actor, body));
