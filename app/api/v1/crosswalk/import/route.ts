import { apiRoute } from '@/lib/api/route';
import { crosswalkApi as api } from '@/lib/requirements/crosswalk-api-spec';
import { importCrosswalkUpload } from '@/lib/requirements/crosswalk-files';

export const POST = apiRoute(api.importCrosswalk, ({ actor, req }) => importCrosswalkUpload(actor, req));
