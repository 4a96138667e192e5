import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { updateVersion } from '@/lib/models/mutations';
import { getVersion } from '@/lib/models/queries';

export const GET = apiRoute(modelsApi.getVersion, ({ actor, params }) => getVersion(actor, params.model, params.version));

export const PATCH = apiRoute(modelsApi.updateVersion, ({ actor, params, body }) => updateVersion(actor, params.model, params.version, body));
