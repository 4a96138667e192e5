import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { createFramework } from '@/lib/requirements/mutations';
import { listFrameworks } from '@/lib/requirements/queries';

export const GET = apiRoute(api.listFrameworks, ({ actor }) => listFrameworks(actor));

export const POST = apiRoute(api.createFramework, ({ actor, body }) => createFramework(actor, body));
