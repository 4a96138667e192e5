import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { assignOwners } from '@/lib/requirements/mutations';

export const POST = apiRoute(api.assignOwners, ({ actor, body }) => assignOwners(actor, body));
