import { apiRoute } from '@/lib/api/route';
import { evidenceApi } from '@/lib/audits/api-spec';
import { createEvidenceRequest } from '@/lib/evidence/mutations';
import { listEvidenceRequests } from '@/lib/evidence/queries';

export const GET = apiRoute(evidenceApi.listRequests, ({ actor, query }) => listEvidenceRequests(actor, query));
export const POST = apiRoute(evidenceApi.createRequest, ({ actor, body }) => createEvidenceRequest(actor, body));
