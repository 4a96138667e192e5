import { apiRoute } from '@/lib/api/route';
import { risksApi } from '@/lib/risks/api-spec';
import { createRisk } from '@/lib/risks/mutations';
import { listRisks } from '@/lib/risks/queries';

export const GET = apiRoute(risksApi.list, ({ actor, query }) => listRisks(actor, query));
export const POST = apiRoute(risksApi.create, ({ actor, body }) => createRisk(actor, body));
