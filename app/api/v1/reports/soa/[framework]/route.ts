import { apiRoute } from '@/lib/api/route';
import { reportsApi } from '@/lib/reports/api-spec';
import { getStatementOfApplicability } from '@/lib/reports/queries';

export const GET = apiRoute(reportsApi.soa, ({ actor, params }) => getStatementOfApplicability(actor, params.framework));
