import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { createSubjectRequest } from '@/lib/privacy/requests/mutations';
import { listSubjectRequests } from '@/lib/privacy/requests/queries';

export const GET = apiRoute(privacyApi.listRequests, ({ actor, query }) => listSubjectRequests(actor, query));

export const POST = apiRoute(privacyApi.createRequest, ({ actor, body }) => createSubjectRequest(actor, body));
