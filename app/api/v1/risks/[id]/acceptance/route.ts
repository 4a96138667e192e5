import { apiRoute } from '@/lib/api/route';
import { risksApi } from '@/lib/risks/api-spec';
import { acceptRisk } from '@/lib/risks/mutations';

export const POST = apiRoute(risksApi.accept, ({ actor, params, body }) => acceptRisk(actor, { ...body, id: params.id }));
