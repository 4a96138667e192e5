import { apiRoute } from '@/lib/api/route';
import { evidenceApi } from '@/lib/audits/evidence/api-spec';
import { getEvidence } from '@/lib/audits/evidence/queries';

export const GET = apiRoute(evidenceApi.get, ({ actor, params }) => getEvidence(actor, params.id));
