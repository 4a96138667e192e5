import { apiRoute } from '@/lib/api/route';
import { requestsApi } from '@/lib/audits/requests/api-spec';
import { reviewEvidenceRequest } from '@/lib/audits/requests/mutations';

export const POST = apiRoute(requestsApi.review, ({ actor, params, body }) => reviewEvidenceRequest(actor, { ...body, id: params.id }));
