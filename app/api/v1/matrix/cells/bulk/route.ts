import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { bulkUpdateCells } from '@/lib/requirements/mutations';

export const POST = apiRoute(api.bulkUpdate, ({ actor, body }) => bulkUpdateCells(actor, body));
