import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { setSystemFrameworks } from '@/lib/requirements/mutations';

export const PUT = apiRoute(api.setSystemFrameworks, ({ actor, params, body }) => setSystemFrameworks(actor, { ...body, systemId: params.id }));
