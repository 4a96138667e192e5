import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { setFairnessThresholds } from '@/lib/models/mutations';

export const PUT = apiRoute(modelsApi.thresholds, ({ actor, body }) => setFairnessThresholds(actor, body));
