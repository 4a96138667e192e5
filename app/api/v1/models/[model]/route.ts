import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { getModel } from '@/lib/models/queries';

export const GET = apiRoute(modelsApi.get, ({ actor, params }) => getModel(actor, params.model));
