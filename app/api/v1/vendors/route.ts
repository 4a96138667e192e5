import { apiRoute } from '@/lib/api/route';
import { vendorsApi } from '@/lib/vendors/api-spec';
import { createVendor } from '@/lib/vendors/mutations';
import { listVendors } from '@/lib/vendors/queries';

export const GET = apiRoute(vendorsApi.list, ({ actor, query }) => listVendors(actor, query));

export const POST = apiRoute(vendorsApi.create, ({ actor, body }) => createVendor(actor, body));
