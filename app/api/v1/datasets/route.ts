import { apiRoute } from '@/lib/api/route';
import { datasetsApi } from '@/lib/models/api-spec';
import { createDataset } from '@/lib/models/mutations';
import { listDatasets } from '@/lib/models/queries';

export const GET = apiRoute(datasetsApi.list, ({ actor, query }) => listDatasets(actor, query));

export const POST = apiRoute(datasetsApi.create, ({ actor, body }) => createDataset(actor, body));
