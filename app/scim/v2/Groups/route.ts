import { createScimGroup, listScimGroups } from '@/lib/scim/groups';
import { scimRoute } from '@/lib/scim/route';

const withoutMembers = (sp: URLSearchParams) => !/(^|,)\s*members\s*(,|$)/i.test(sp.get('excludedAttributes') ?? '');

export const GET = scimRoute(async ({ actor, req, paging }) => ({
  status: 200,
  body: await listScimGroups(actor, { filter: req.nextUrl.searchParams.get('filter'), ...paging(), members: withoutMembers(req.nextUrl.searchParams) }),
}));

export const POST = scimRoute(async ({ actor, body }) => {
  const { body: resource, version } = await createScimGroup(actor, await body());
  return { status: 201, body: resource, version, location: resource.meta.location };
});
