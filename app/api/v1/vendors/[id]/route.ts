import { apiRoute } from '@/lib/api/route';
import { vendorsApi } from '@/lib/vendors/api-spec';
import { getVendor } from '@/lib/vendors/queries';

export const GET = apiRoute(vendorsApi.get, ({ actor, params }) => getVendor(actor, params.id));
