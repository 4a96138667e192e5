import { apiRoute } from '@/lib/api/route';
import { evidenceApi } from '@/lib/audits/api-spec';
import { reviewEvidenceRequest } from '@/lib/evidence/mutations';

export const POST = apiRoute(evidenceApi.reviewRequest, ({ actor, params, body }) => reviewEvidenceRequest(actor, { ...body, id: params.id }));
