import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { matrixSummary } from '@/lib/requirements/queries';

export const GET = apiRoute(api.summary, ({ actor, query }) => matrixSummary(actor, query));
