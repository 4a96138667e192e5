import { apiRoute } from '@/lib/api/route';
import { crosswalkApi as api } from '@/lib/requirements/crosswalk-api-spec';
import { crosswalkCoverage } from '@/lib/requirements/queries';

export const GET = apiRoute(api.crosswalkCoverage, ({ actor, query }) => crosswalkCoverage(actor, query));
