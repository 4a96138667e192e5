import { apiRoute } from '@/lib/api/route';
import { risksApi } from '@/lib/risks/api-spec';
import { reviewRisk } from '@/lib/risks/mutations';

export const POST = apiRoute(risksApi.review, ({ actor, params, body }) => reviewRisk(actor, { ...body, id: params.id }));
