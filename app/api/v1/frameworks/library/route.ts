import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { loadLibrary } from '@/lib/requirements/library';

export const POST = apiRoute(api.loadLibrary, ({ actor, body }) => loadLibrary(actor, { keys: body.keys }));
