import { apiRoute } from '@/lib/api/route';
import { interchangeApi } from '@/lib/interchange/api-spec';
import { getModelBom } from '@/lib/interchange/bom';

export const GET = apiRoute(interchangeApi.modelBom, ({ actor, params }) => getModelBom(actor, params.model, params.version));
