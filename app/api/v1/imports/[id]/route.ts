import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { getImportBatch } from '@/lib/requirements/queries';

export const GET = apiRoute(api.importGet, ({ actor, params }) => getImportBatch(actor, params.id));
