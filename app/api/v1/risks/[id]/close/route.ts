import { apiRoute } from '@/lib/api/route';
import { risksApi } from '@/lib/risks/api-spec';
import { closeRisk } from '@/lib/risks/mutations';

export const POST = apiRoute(risksApi.close, ({ actor, params, body }) => closeRisk(actor, { ...body, id: params.id }));
