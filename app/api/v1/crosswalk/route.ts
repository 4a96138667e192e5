import { apiRoute } from '@/lib/api/route';
import { crosswalkApi as api } from '@/lib/requirements/crosswalk-api-spec';
import { createCrosswalkMapping } from '@/lib/requirements/mutations';

export const POST = apiRoute(api.createCrosswalkMapping, ({ actor, body }) => createCrosswalkMapping(actor, body));
