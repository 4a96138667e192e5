import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { quarterView } from '@/lib/requirements/queries';

export const GET = apiRoute(api.quarter, ({ actor, query }) => quarterView(actor, query.quarter));
