import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from '@/lib/scim/groups';
import { notModified } from '@/lib/scim/resource';
import { scimRoute } from '@/lib/scim/route';

export const GET = scimRoute(async ({ actor, params, req }) => {
  const members = !/(^|,)\s*members\s*(,|$)/i.test(req.nextUrl.searchParams.get('excludedAttributes') ?? '');
  const { body, version } = await getScimGroup(actor, params.id, { members });
  if (notModified(req.headers.get('if-none-match'), version)) return { status: 304, version };
  return { status: 200, body, version };
});

export const PUT = scimRoute(async ({ actor, params, body, ifMatch }) => {
  const r = await replaceScimGroup(actor, params.id, await body(), ifMatch);
  return { status: 200, body: r.body, version: r.version };
});

// Okta and Entra expect 204 or 200 for a group PATCH; 200 with the group lets a client check the result.
export const PATCH = scimRoute(async ({ actor, params, body, ifMatch }) => {
  const r = await patchScimGroup(actor, params.id, await body(), ifMatch);
  return { status: 200, body: r.body, version: r.version };
});

export const DELETE = scimRoute(async ({ actor, params, ifMatch }) => {
  await deleteScimGroup(actor, params.id, ifMatch);
  return { status: 204 };
});
