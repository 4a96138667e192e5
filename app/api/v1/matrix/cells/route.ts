import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { updateCell } from '@/lib/requirements/mutations';
import { getCell } from '@/lib/requirements/queries';

export const GET = apiRoute(api.getCell, ({ actor, query }) => getCell(actor, query.requirementId, query.systemId));

export const PUT = apiRoute(api.updateCell, ({ actor, body }) => updateCell(actor, body));
