import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { addMapping } from '@/lib/requirements/mutations';
import { listCrosswalk } from '@/lib/requirements/queries';

export const GET = apiRoute(api.listMappings, async ({ actor, query }) => {
  // What the page may offer is the page's business, not the API's.
  const { capabilities: _capabilities, ...page } = await listCrosswalk(actor, query);
  return page;
});

export const POST = apiRoute(api.createMapping, ({ actor, body }) => addMapping(actor, body));
