import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { matrixWindow } from '@/lib/requirements/queries';

export const GET = apiRoute(api.matrix, ({ actor, query }) => matrixWindow(actor, query));
