import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { refuseRequest } from '@/lib/privacy/requests/mutations';

export const POST = apiRoute(privacyApi.refuseRequest, ({ actor, params, body }) => refuseRequest(actor, params.id, body));
