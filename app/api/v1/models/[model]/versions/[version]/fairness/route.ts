import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { uploadFairness } from '@/lib/models/mutations';

export const PUT = apiRoute(modelsApi.uploadFairness, ({ actor, params, body }) => uploadFairness(actor, params.model, params.version, body));
