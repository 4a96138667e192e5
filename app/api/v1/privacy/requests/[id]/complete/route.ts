import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { completeRequest } from '@/lib/privacy/requests/mutations';

export const POST = apiRoute(privacyApi.completeRequest, ({ actor, params, body }) => completeRequest(actor, params.id, body));
