import { apiRoute } from '@/lib/api/route';
import { evidenceApi } from '@/lib/audits/evidence/api-spec';
import { withdrawEvidence } from '@/lib/audits/evidence/mutations';

export const POST = apiRoute(evidenceApi.withdraw, ({ actor, params, body }) => withdrawEvidence(actor, { ...body, id: params.id }));
