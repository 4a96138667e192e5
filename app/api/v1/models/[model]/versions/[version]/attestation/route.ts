import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { getAttestation } from '@/lib/models/queries';

export const GET = apiRoute(modelsApi.attestation, ({ actor, params }) => getAttestation(actor, params.model, params.version));
