import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { extendRequest } from '@/lib/privacy/requests/mutations';

export const POST = apiRoute(privacyApi.extendRequest, ({ actor, params, body }) => extendRequest(actor, params.id, body));
