import { apiRoute } from '@/lib/api/route';
import { evidenceApi } from '@/lib/audits/api-spec';
import { getEvidence } from '@/lib/evidence/queries';

export const GET = apiRoute(evidenceApi.get, ({ actor, params }) => getEvidence(actor, params.id));
