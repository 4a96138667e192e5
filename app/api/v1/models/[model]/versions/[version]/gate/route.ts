import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { getGate } from '@/lib/models/queries';

export const GET = apiRoute(modelsApi.gate, ({ actor, params }) => getGate(actor, params.model, params.version));
