import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { getSubjectRequest } from '@/lib/privacy/requests/queries';

export const GET = apiRoute(privacyApi.getRequest, ({ actor, params }) => getSubjectRequest(actor, params.id));
