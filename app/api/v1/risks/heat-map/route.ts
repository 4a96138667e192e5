import { apiRoute } from '@/lib/api/route';
import { risksApi } from '@/lib/risks/api-spec';
import { riskHeatMap } from '@/lib/risks/queries';

export const GET = apiRoute(risksApi.heatMap, ({ actor, query }) => riskHeatMap(actor, query));
