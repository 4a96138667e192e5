import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { rollbackModel } from '@/lib/models/mutations';
import { getModel } from '@/lib/models/queries';

export const POST = apiRoute(modelsApi.rollback, async ({ actor, params, body }) => {
  const model = await getModel(actor, params.model);
  return rollbackModel(actor, model.id, body);
});
