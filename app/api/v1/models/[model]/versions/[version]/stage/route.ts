import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { changeStage } from '@/lib/models/mutations';

export const POST = apiRoute(modelsApi.stage, ({ actor, params, body }) => changeStage(actor, params.model, params.version, body));
