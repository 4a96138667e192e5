import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { createModel } from '@/lib/models/mutations';
import { listModels } from '@/lib/models/queries';

export const GET = apiRoute(modelsApi.list, ({ actor, query }) => listModels(actor, query));

export const POST = apiRoute(modelsApi.create, ({ actor, body }) => createModel(actor, body));
