import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { createControl } from '@/lib/requirements/mutations';
import { listControls } from '@/lib/requirements/queries';

export const GET = apiRoute(api.listControls, ({ actor }) => listControls(actor));

export const POST = apiRoute(api.createControl, ({ actor, body }) => createControl(actor, body));
