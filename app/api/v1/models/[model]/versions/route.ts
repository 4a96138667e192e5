import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { createVersion } from '@/lib/models/mutations';

export const POST = apiRoute(modelsApi.createVersion, ({ actor, params, body }) => createVersion(actor, params.model, body));
