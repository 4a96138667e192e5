import { notModified } from '@/lib/scim/resource';
import { scimRoute } from '@/lib/scim/route';
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from '@/lib/scim/users';

export const GET = scimRoute(async ({ actor, params, req }) => {
  const { body, version } = await getScimUser(actor, params.id);
  if (notModified(req.headers.get('if-none-match'), version)) return { status: 304, version };
  return { status: 200, body, version };
});

export const PUT = scimRoute(async ({ actor, params, body, ifMatch }) => {
  const r = await replaceScimUser(actor, params.id, await body(), ifMatch);
  return { status: 200, body: r.body, version: r.version };
});

export const PATCH = scimRoute(async ({ actor, params, body, ifMatch }) => {
  const r = await patchScimUser(actor, params.id, await body(), ifMatch);
  return { status: 200, body: r.body, version: r.version };
});

export const DELETE = scimRoute(async ({ actor, params, ifMatch }) => {
  await deleteScimUser(actor, params.id, ifMatch);
  return { status: 204 };
});
