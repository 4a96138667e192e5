import { apiRoute } from '@/lib/api/route';
import { vendorsApi } from '@/lib/vendors/api-spec';
import { sendQuestionnaire } from '@/lib/vendors/mutations';

export const POST = apiRoute(vendorsApi.sendQuestionnaire, ({ actor, params, body }) => sendQuestionnaire(actor, { ...body, vendorId: params.id }));
