import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { acceptMitigation } from '@/lib/models/mutations';

export const POST = apiRoute(modelsApi.mitigation, ({ actor, params, body }) => acceptMitigation(actor, params.model, params.version, body));
