import { createScimUser, listScimUsers } from '@/lib/scim/users';
import { scimRoute } from '@/lib/scim/route';

export const GET = scimRoute(async ({ actor, req, paging }) => ({
  status: 200,
  body: await listScimUsers(actor, { filter: req.nextUrl.searchParams.get('filter'), ...paging() }),
}));

export const POST = scimRoute(async ({ actor, body }) => {
  const { body: resource, version } = await createScimUser(actor, await body());
  return { status: 201, body: resource, version, location: resource.meta.location };
});
