import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { addMapping } from '@/lib/requirements/mutations';
import { listCrosswalk } from '@/lib/requirements/queries';

export const GET = apiRoute(api.listMappings, ({ actor, query }) => listCrosswalk(actor, query));

export const POST = apiRoute(api.createMapping, ({ actor, body }) => addMapping(actor, body));
