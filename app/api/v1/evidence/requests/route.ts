import { apiRoute } from '@/lib/api/route';
import { requestsApi } from '@/lib/audits/requests/api-spec';
import { createEvidenceRequest } from '@/lib/audits/requests/mutations';
import { listEvidenceRequests } from '@/lib/audits/requests/queries';

export const GET = apiRoute(requestsApi.list, ({ actor, query }) => listEvidenceRequests(actor, query));
export const POST = apiRoute(requestsApi.create, ({ actor, body }) => createEvidenceRequest(actor, body));
