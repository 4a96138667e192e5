import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { confirmImport } from '@/lib/requirements/imports';

export const POST = apiRoute(api.importConfirm, ({ actor, params }) => confirmImport(actor, params.id));
