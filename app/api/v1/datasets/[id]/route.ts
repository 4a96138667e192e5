import { apiRoute } from '@/lib/api/route';
import { datasetsApi } from '@/lib/models/api-spec';
import { getDataset } from '@/lib/models/queries';

export const GET = apiRoute(datasetsApi.get, ({ actor, params }) => getDataset(actor, params.id));
