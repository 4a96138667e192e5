import { apiRoute } from '@/lib/api/route';
import { risksApi } from '@/lib/risks/api-spec';
import { updateRisk } from '@/lib/risks/mutations';
import { getRisk } from '@/lib/risks/queries';

export const GET = apiRoute(risksApi.get, ({ actor, params }) => getRisk(actor, params.id));
export const PUT = apiRoute(risksApi.update, ({ actor, params, body }) => updateRisk(actor, { ...body, id: params.id }));
