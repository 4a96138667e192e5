import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// The /scim/v2 route handlers, called in-process with the request sequences
// Okta and Microsoft Entra ID send, against a real PostgreSQL.

const ORIGIN = 'http://portal.test';
process.env.NEXTAUTH_URL = ORIGIN;
await setupTestDatabase('scim');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { createScimToken, revokeScimToken } = await import('./tokens');
const { mapGroupRole, updateScimSettings } = await import('./mapping');
const { startSession, actorForSession, userActor } = await import('@/lib/auth/session');
const { actorForToken } = await import('@/lib/auth/token');
const { createToken } = await import('@/lib/tokens/mutations');
const { encode } = await import('next-auth/jwt');
const { authSecret } = await import('@/lib/env');
const users = await import('@/app/scim/v2/Users/route');
const user = await import('@/app/scim/v2/Users/[id]/route');
const groups = await import('@/app/scim/v2/Groups/route');
const group = await import('@/app/scim/v2/Groups/[id]/route');
const spc = await import('@/app/scim/v2/ServiceProviderConfig/route');
const resourceTypes = await import('@/app/scim/v2/ResourceTypes/route');
const schemas = await import('@/app/scim/v2/Schemas/route');
const me = await import('@/app/api/v1/me/route');

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const meta = { id: 'req-scim', ip: '10.1.2.3' };

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let actors: Record<Role, Actor>;
let orgId: string;
let bearer: string;

async function call(handler: Handler, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; params?: Record<string, string>; token?: string | null } = {}) {
  const headers = new Headers(opts.headers);
  const token = opts.token === undefined ? bearer : opts.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (opts.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/scim+json; charset=utf-8');
  const req = new NextRequest(`${ORIGIN}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), etag: res.headers.get('etag'), location: res.headers.get('location'), body: (text ? JSON.parse(text) : null) as Body };
}

const filter = (expr: string) => `?filter=${encodeURIComponent(expr)}`;
const patchOps = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });
const portalUser = (scimId: string) => db.user.findFirstOrThrow({ where: { scimId }, select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, orgId: true } });

/** A signed-in browser session and an API token of this person, as their next request would present them. */
async function credentialsOf(userId: string) {
  const u = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const sid = await startSession(u.id, meta);
  const jwt = await encode({ token: { sid, uid: u.id, name: u.name, email: u.email }, secret: authSecret() });
  const token = await createToken(userActor(u, meta), { name: `pipeline of ${u.email}`, scopes: ['monitoring:read'], expiresInDays: 10 });
  return { sid, uid: u.id, cookie: `next-auth.session-token=${jwt}`, secret: token.secret };
}

async function stillWorks(c: Awaited<ReturnType<typeof credentialsOf>>) {
  const viaCookie = await me.GET(new NextRequest(`${ORIGIN}/api/v1/me`, { headers: { cookie: c.cookie } }), { params: Promise.resolve({}) });
  const viaToken = await me.GET(new NextRequest(`${ORIGIN}/api/v1/me`, { headers: { authorization: `Bearer ${c.secret}` } }), { params: Promise.resolve({}) });
  return {
    session: Boolean(await actorForSession(c.sid, c.uid, meta)),
    token: Boolean(await actorForToken(c.secret, meta)),
    cookieStatus: viaCookie.status,
    tokenStatus: viaToken.status,
  };
}

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('SCIM Org'));
  bearer = (await createScimToken(actors.ADMIN, { name: 'Okta' })).secret;
});

describe('discovery and authentication', () => {
  it('describes itself, answers application/scim+json, and refuses a missing, foreign or revoked token with a SCIM error', async () => {
    const config = await call(spc.GET, 'GET', '/scim/v2/ServiceProviderConfig', { token: null });
    expect(config.status).toBe(200);
    expect(config.type).toContain('application/scim+json');
    expect(config.body).toMatchObject({ patch: { supported: true }, etag: { supported: true }, filter: { supported: true, maxResults: 200 }, bulk: { supported: false } });
    expect((await call(resourceTypes.GET, 'GET', '/scim/v2/ResourceTypes', { token: null })).body.Resources.map((r: Body) => r.id)).toEqual(['User', 'Group']);
    expect((await call(schemas.GET, 'GET', '/scim/v2/Schemas', { token: null })).body.Resources.map((r: Body) => r.id)).toEqual([USER, 'urn:ietf:params:scim:schemas:core:2.0:Group']);

    const none = await call(users.GET, 'GET', '/scim/v2/Users', { token: null });
    expect(none.status).toBe(401);
    expect(none.type).toContain('application/scim+json');
    expect(none.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    const api = await createToken(actors.ADMIN, { name: 'not for scim', scopes: ['users:manage'], expiresInDays: 5 });
    expect((await call(users.GET, 'GET', '/scim/v2/Users', { token: api.secret })).status).toBe(401);
    const other = await createScimToken(actors.ADMIN, { name: 'to revoke' });
    expect((await call(users.GET, 'GET', '/scim/v2/Users', { token: other.secret })).status).toBe(200);
    await revokeScimToken(actors.ADMIN, other.id);
    expect((await call(users.GET, 'GET', '/scim/v2/Users', { token: other.secret })).status).toBe(401);
    // Only signed-in administrators manage SCIM tokens.
    await expect(createScimToken(actors.COMPLIANCE_OFFICER, { name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stored = await db.scimToken.findMany({ where: { orgId }, select: { tokenHash: true } });
    expect(JSON.stringify(stored)).not.toContain(bearer);
    expect(await db.auditEvent.count({ where: { orgId, action: { in: ['scim.token_created', 'scim.token_revoked'] } } })).toBe(3);
  });
});

describe('Okta', () => {
  it('looks up, creates, updates, deactivates, re-activates and deletes a user; a deactivated user’s session and token are refused at once', async () => {
    const lookup = await call(users.GET, 'GET', `/scim/v2/Users${filter('userName eq "dana.ng@okta.example"')}&startIndex=1&count=100`);
    expect(lookup.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });

    const created = await call(users.POST, 'POST', '/scim/v2/Users', {
      body: {
        schemas: [USER],
        userName: 'dana.ng@okta.example',
        name: { givenName: 'Dana', familyName: 'Ng' },
        emails: [{ primary: true, value: 'dana.ng@okta.example', type: 'work' }],
        displayName: 'Dana Ng',
        locale: 'en-US',
        externalId: '00u1okta',
        groups: [],
        password: 'Tr0ub4dor&3',
        active: true,
      },
    });
    expect(created.status).toBe(201);
    expect(created.type).toContain('application/scim+json');
    const id = created.body.id as string;
    expect(created.location).toBe(`${ORIGIN}/scim/v2/Users/${id}`);
    expect(created.etag).toBe(created.body.meta.version);
    expect(created.body).toMatchObject({ userName: 'dana.ng@okta.example', active: true, displayName: 'Dana Ng', name: { givenName: 'Dana', familyName: 'Ng' }, emails: [{ value: 'dana.ng@okta.example', primary: true }], meta: { resourceType: 'User' } });
    let row = await portalUser(id);
    // The role a user in no mapped group gets; the password Okta sent is not stored.
    expect(row).toMatchObject({ orgId, role: 'ENGINEER', active: true, passwordHash: null, name: 'Dana Ng' });
    expect(await db.auditEvent.count({ where: { entityId: row.id, action: 'user.provisioned' } })).toBe(1);

    const found = await call(users.GET, 'GET', `/scim/v2/Users${filter('userName eq "DANA.NG@okta.example"')}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
    const got = await call(user.GET, 'GET', `/scim/v2/Users/${id}`, { params: { id } });
    expect(got.etag).toBe(created.etag);
    expect((await call(user.GET, 'GET', `/scim/v2/Users/${id}`, { params: { id }, headers: { 'if-none-match': got.etag! } })).status).toBe(304);

    // Okta sends profile changes as a full PUT.
    const put = await call(user.PUT, 'PUT', `/scim/v2/Users/${id}`, {
      params: { id },
      body: { ...created.body, name: { givenName: 'Dana', familyName: 'Ng-Okafor' }, displayName: 'Dana Ng-Okafor' },
    });
    expect(put.status).toBe(200);
    expect(put.etag).not.toBe(created.etag);
    expect((await portalUser(id)).name).toBe('Dana Ng-Okafor');

    const creds = await credentialsOf(row.id);
    expect(await stillWorks(creds)).toEqual({ session: true, token: true, cookieStatus: 200, tokenStatus: 200 });

    // A write against an old version is refused; against the current one it goes through.
    const stale = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, headers: { 'if-match': created.etag! }, body: patchOps({ op: 'replace', value: { active: false } }) });
    expect(stale.status).toBe(412);
    expect(stale.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect((await portalUser(id)).active).toBe(true);

    const off = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, headers: { 'if-match': put.etag! }, body: patchOps({ op: 'replace', value: { active: false } }) });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    row = await portalUser(id);
    expect(row.active).toBe(false);
    expect(await stillWorks(creds)).toEqual({ session: false, token: false, cookieStatus: 401, tokenStatus: 401 });
    const deactivated = await db.auditEvent.findFirstOrThrow({ where: { entityId: row.id, action: 'user.deactivated' }, select: { actorLabel: true, changes: true } });
    expect(deactivated.actorLabel).toMatch(/^scim:Okta \(scim_/);
    expect(JSON.parse(deactivated.changes!)).toMatchObject({ sessionsRevoked: 1, tokensRevoked: 1 });

    const on = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, body: patchOps({ op: 'replace', value: { active: true } }) });
    expect(on.body.active).toBe(true);
    expect((await portalUser(id)).active).toBe(true);
    // Re-activation brings the account back, not its old session or token.
    expect(await stillWorks(creds)).toEqual({ session: false, token: false, cookieStatus: 401, tokenStatus: 401 });

    const del = await call(user.DELETE, 'DELETE', `/scim/v2/Users/${id}`, { params: { id } });
    expect(del.status).toBe(204);
    const gone = await call(user.GET, 'GET', `/scim/v2/Users/${id}`, { params: { id } });
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ status: '404', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
    expect((await call(users.GET, 'GET', `/scim/v2/Users${filter('userName eq "dana.ng@okta.example"')}`)).body.totalResults).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: row.id }, select: { active: true, scimId: true } })).toEqual({ active: false, scimId: null });

    // Assigned again later: the same person comes back under a new id.
    const again = await call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER], userName: 'dana.ng@okta.example', emails: [{ value: 'dana.ng@okta.example', primary: true }], active: true } });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(id);
    expect(await portalUser(again.body.id)).toMatchObject({ id: row.id, active: true });
  });
});

describe('Microsoft Entra ID', () => {
  it('creates with the enterprise extension, patches with capitalised ops and string booleans, deactivates, re-activates and deletes', async () => {
    expect((await call(users.GET, 'GET', `/scim/v2/Users${filter('userName eq "eve.adams@contoso.example"')}`)).body.totalResults).toBe(0);
    const boss = (await call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER], userName: 'mona.boss@contoso.example', emails: [{ value: 'mona.boss@contoso.example', primary: true }], active: true } })).body.id as string;
    const created = await call(users.POST, 'POST', '/scim/v2/Users', {
      body: {
        schemas: [USER, ENTERPRISE],
        externalId: 'eve',
        userName: 'eve.adams@contoso.example',
        active: true,
        displayName: 'Eve Adams',
        emails: [{ primary: true, type: 'work', value: 'eve.adams@contoso.example' }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Eve Adams', familyName: 'Adams', givenName: 'Eve' },
        roles: [{ value: 'ADMIN', primary: true }],
        [ENTERPRISE]: { department: 'Risk', manager: { value: boss } },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const row = await portalUser(id);
    // "roles" in the body grants nothing: only the group mapping does.
    expect(row.role).toBe('ENGINEER');
    expect(await db.user.findUniqueOrThrow({ where: { id: row.id }, select: { manager: { select: { scimId: true } } } })).toEqual({ manager: { scimId: boss } });
    expect(created.body[ENTERPRISE]).toMatchObject({ manager: { value: boss } });
    expect((await call(users.GET, 'GET', `/scim/v2/Users${filter('externalId eq "eve"')}`)).body.Resources[0].id).toBe(id);

    const patched = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, {
      params: { id },
      body: patchOps(
        { op: 'Replace', path: 'displayName', value: 'Eve A. Adams' },
        { op: 'Add', path: 'emails[type eq "work"].value', value: 'eve.adams-lee@contoso.example' },
        { op: 'Replace', path: 'name.familyName', value: 'Adams-Lee' },
        { op: 'Add', path: 'title', value: 'Risk lead' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Model risk' },
        { op: 'Add', path: 'roles', value: [{ value: 'ADMIN' }] },
      ),
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: 'Eve A. Adams', name: { givenName: 'Eve', familyName: 'Adams-Lee' }, emails: [{ value: 'eve.adams-lee@contoso.example' }] });
    expect(await portalUser(id)).toMatchObject({ email: 'eve.adams-lee@contoso.example', name: 'Eve A. Adams', role: 'ENGINEER' });

    const creds = await credentialsOf(row.id);
    expect(await stillWorks(creds)).toMatchObject({ session: true, token: true });
    const off = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, body: patchOps({ op: 'Replace', path: 'active', value: 'False' }) });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(await stillWorks(creds)).toEqual({ session: false, token: false, cookieStatus: 401, tokenStatus: 401 });
    const on = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, body: patchOps({ op: 'Replace', path: 'active', value: 'True' }) });
    expect(on.body.active).toBe(true);
    expect((await portalUser(id)).active).toBe(true);
    expect((await call(user.DELETE, 'DELETE', `/scim/v2/Users/${id}`, { params: { id } })).status).toBe(204);
    expect((await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, body: patchOps({ op: 'Replace', path: 'active', value: 'True' }) })).status).toBe(404);
  });
});

describe('the enterprise manager', () => {
  it('is set, changed and removed as Entra and Okta send it, refused when unknown, of another organisation or oneself, and audited', async () => {
    const mk = async (name: string, extra: Record<string, unknown> = {}) =>
      call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER, ENTERPRISE], userName: `${name}@mgr.example`, emails: [{ value: `${name}@mgr.example`, primary: true }], active: true, ...extra } });
    const ann = (await mk('ann')).body.id as string;
    const ben = (await mk('ben')).body.id as string;
    const managerOf = async (scimId: string) => (await db.user.findFirstOrThrow({ where: { scimId }, select: { manager: { select: { scimId: true } } } })).manager?.scimId ?? null;
    const portalId = async (scimId: string) => (await portalUser(scimId)).id;

    // Okta: the extension object in the create.
    const cat = (await mk('cat', { [ENTERPRISE]: { manager: { value: ann, displayName: 'Ann' } } })).body.id as string;
    expect(await managerOf(cat)).toBe(ann);
    // Entra: Add with a bare id on the extension path.
    let res = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${cat}`, { params: { id: cat }, body: patchOps({ op: 'Add', path: `${ENTERPRISE}:manager`, value: ben }) });
    expect(res.status).toBe(200);
    expect(res.body[ENTERPRISE]).toMatchObject({ manager: { value: ben } });
    expect(await managerOf(cat)).toBe(ben);
    // Okta: replace without a path, the value keyed by the extension.
    res = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${cat}`, { params: { id: cat }, body: patchOps({ op: 'replace', value: { [ENTERPRISE]: { manager: { value: ann } } } }) });
    expect(await managerOf(cat)).toBe(ann);
    // A PUT that does not speak of the manager keeps it; one that does sets it.
    res = await call(user.PUT, 'PUT', `/scim/v2/Users/${cat}`, { params: { id: cat }, body: { schemas: [USER], userName: 'cat@mgr.example', emails: [{ value: 'cat@mgr.example', primary: true }], active: true } });
    expect(res.status).toBe(200);
    expect(await managerOf(cat)).toBe(ann);
    res = await call(user.PUT, 'PUT', `/scim/v2/Users/${cat}`, { params: { id: cat }, body: { schemas: [USER, ENTERPRISE], userName: 'cat@mgr.example', emails: [{ value: 'cat@mgr.example', primary: true }], active: true, [ENTERPRISE]: { manager: { value: ben } } } });
    expect(await managerOf(cat)).toBe(ben);

    // Refused, naming the attribute, and nothing changes.
    for (const value of ['no-such-id', cat]) {
      res = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${cat}`, { params: { id: cat }, body: patchOps({ op: 'Replace', path: `${ENTERPRISE}:manager`, value }) });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ scimType: 'invalidValue', detail: expect.stringMatching(/^manager: /) });
    }
    const other = await createOrgWithRoles('SCIM Other Org');
    await db.user.update({ where: { id: other.actors.ENGINEER.userId! }, data: { scimId: 'other-org-user' } });
    res = await mk('dan', { [ENTERPRISE]: { manager: { value: 'other-org-user' } } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/^manager: /);
    expect(await db.user.count({ where: { email: 'dan@mgr.example' } })).toBe(0);
    expect(await managerOf(cat)).toBe(ben);

    // Entra removes the manager with a path and no value.
    res = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${cat}`, { params: { id: cat }, body: patchOps({ op: 'Remove', path: `${ENTERPRISE}:manager` }) });
    expect(res.status).toBe(200);
    expect(res.body[ENTERPRISE]).toBeUndefined();
    expect(await managerOf(cat)).toBeNull();
    const events = await db.auditEvent.findMany({ where: { entityId: await portalId(cat), action: 'user.manager_changed' }, orderBy: { seq: 'asc' }, select: { changes: true } });
    expect(events.map((e) => (JSON.parse(e.changes!) as { managerId: { to: string | null } }).managerId.to)).toEqual([await portalId(ann), await portalId(ben), await portalId(ann), await portalId(ben), null]);
  });
});

describe('groups and the role mapping', () => {
  it('gives members only the role an administrator mapped to their group, following Okta and Entra membership changes', async () => {
    const mk = async (name: string) => (await call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER], userName: `${name}@idp.example`, emails: [{ value: `${name}@idp.example`, primary: true }], active: true } })).body.id as string;
    const [fay, gus] = [await mk('fay'), await mk('gus')];
    const g = await call(groups.POST, 'POST', '/scim/v2/Groups', { body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Governance Leads', externalId: 'grp-1', members: [{ value: fay }] } });
    expect(g.status).toBe(201);
    const gid = g.body.id as string;
    expect(g.body.members).toEqual([{ value: fay, display: expect.any(String), $ref: `${ORIGIN}/scim/v2/Users/${fay}` }]);
    // An unmapped group changes nobody's role.
    expect((await portalUser(fay)).role).toBe('ENGINEER');

    await expect(mapGroupRole(actors.COMPLIANCE_OFFICER, { groupId: gid, role: 'ADMIN' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await mapGroupRole(actors.ADMIN, { groupId: gid, role: 'COMPLIANCE_OFFICER' });
    expect((await portalUser(fay)).role).toBe('COMPLIANCE_OFFICER');
    expect((await portalUser(gus)).role).toBe('ENGINEER');
    const fayId = (await portalUser(fay)).id;
    expect(await db.auditEvent.count({ where: { entityId: fayId, action: 'user.role_changed' } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: gid, action: 'scim.group_role_mapped' } })).toBe(1);

    // Okta: add with a value list; remove with a filtered path.
    await call(group.PATCH, 'PATCH', `/scim/v2/Groups/${gid}`, { params: { id: gid }, body: patchOps({ op: 'add', path: 'members', value: [{ value: gus, display: 'gus' }] }) });
    expect((await portalUser(gus)).role).toBe('COMPLIANCE_OFFICER');
    await call(group.PATCH, 'PATCH', `/scim/v2/Groups/${gid}`, { params: { id: gid }, body: patchOps({ op: 'remove', path: `members[value eq "${gus}"]` }) });
    expect((await portalUser(gus)).role).toBe('ENGINEER');
    // Entra: "Remove" with the members in the value, "Replace" of the name.
    const removed = await call(group.PATCH, 'PATCH', `/scim/v2/Groups/${gid}`, {
      params: { id: gid },
      body: patchOps({ op: 'Remove', path: 'members', value: [{ value: fay }] }, { op: 'Replace', path: 'displayName', value: 'Governance leads (EU)' }),
    });
    expect(removed.body).toMatchObject({ displayName: 'Governance leads (EU)', members: [] });
    expect((await portalUser(fay)).role).toBe('ENGINEER');
    await call(group.PATCH, 'PATCH', `/scim/v2/Groups/${gid}`, { params: { id: gid }, body: patchOps({ op: 'Add', path: 'members', value: [{ value: fay }, { value: gus }] }) });
    expect([(await portalUser(fay)).role, (await portalUser(gus)).role]).toEqual(['COMPLIANCE_OFFICER', 'COMPLIANCE_OFFICER']);

    // The highest mapped role wins across groups; a group given no role adds none.
    const admins = await call(groups.POST, 'POST', '/scim/v2/Groups', { body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Portal admins', members: [{ value: gus }] } });
    await mapGroupRole(actors.ADMIN, { groupId: admins.body.id, role: 'ADMIN' });
    expect((await portalUser(gus)).role).toBe('ADMIN');
    await mapGroupRole(actors.ADMIN, { groupId: admins.body.id, role: null });
    expect((await portalUser(gus)).role).toBe('COMPLIANCE_OFFICER');

    const listed = await call(groups.GET, 'GET', `/scim/v2/Groups${filter('displayName eq "governance leads (eu)"')}&excludedAttributes=members`);
    expect(listed.body.totalResults).toBe(1);
    expect(listed.body.Resources[0]).not.toHaveProperty('members');
    const unknown = await call(group.PATCH, 'PATCH', `/scim/v2/Groups/${gid}`, { params: { id: gid }, body: patchOps({ op: 'add', path: 'members', value: [{ value: 'no-such-user' }] }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.scimType).toBe('invalidValue');

    // The default role of a user in no mapped group is the administrator's to set.
    await updateScimSettings(actors.ADMIN, { defaultRole: 'AUDITOR' });
    expect((await call(group.DELETE, 'DELETE', `/scim/v2/Groups/${gid}`, { params: { id: gid } })).status).toBe(204);
    expect([(await portalUser(fay)).role, (await portalUser(gus)).role]).toEqual(['AUDITOR', 'AUDITOR']);
    expect((await call(group.GET, 'GET', `/scim/v2/Groups/${gid}`, { params: { id: gid } })).status).toBe(404);
  });
});

describe('lists, linking and refusals', () => {
  it('pages with startIndex and count, links an existing portal user by e-mail, and answers each bad request with its scimType', async () => {
    for (const n of ['p1', 'p2', 'p3']) await call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER], userName: `${n}@page.example`, active: true } });
    const all = await call(users.GET, 'GET', '/scim/v2/Users');
    const total = all.body.totalResults as number;
    expect(total).toBeGreaterThanOrEqual(3);
    const page = await call(users.GET, 'GET', '/scim/v2/Users?startIndex=2&count=2');
    expect(page.body).toMatchObject({ totalResults: total, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: Body) => r.id)).toEqual(all.body.Resources.slice(1, 3).map((r: Body) => r.id));
    expect((await call(users.GET, 'GET', '/scim/v2/Users?count=0')).body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });

    // An account an administrator made before SCIM is linked, keeping its role.
    const auditor = actors.AUDITOR;
    const linked = await call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER], userName: auditor.email, emails: [{ value: auditor.email, primary: true }], active: true } });
    expect(linked.status).toBe(201);
    expect(await portalUser(linked.body.id)).toMatchObject({ id: auditor.userId, role: 'AUDITOR' });
    expect(await db.auditEvent.count({ where: { entityId: auditor.userId, action: 'scim.user_linked' } })).toBe(1);

    const dup = await call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER], userName: 'P1@page.example' } });
    expect(dup).toMatchObject({ status: 409, body: { scimType: 'uniqueness', status: '409' } });
    expect((await call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER], displayName: 'no user name' } })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER], userName: 'not-an-address' } })).body.scimType).toBe('invalidValue');
    expect((await call(users.GET, 'GET', `/scim/v2/Users${filter('userName co "p"')}`)).body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect((await call(users.GET, 'GET', `/scim/v2/Users${filter('title eq "x"')}`)).body.scimType).toBe('invalidFilter');
    const id = all.body.Resources[0].id as string;
    expect((await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, body: patchOps({ op: 'move', path: 'active', value: false }) })).body.scimType).toBe('invalidSyntax');
    expect((await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, body: { Operations: [{ op: 'replace', path: 'active', value: false }] } })).body.scimType).toBe('invalidSyntax');
    expect((await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, body: patchOps({ op: 'replace', path: 'groups', value: [] }) })).body.scimType).toBe('mutability');
    expect((await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, body: patchOps({ op: 'replace', path: 'active', value: 'maybe' }) })).body.scimType).toBe('invalidValue');
    const wrongType = await call(users.POST, 'POST', '/scim/v2/Users', { body: { userName: 'x@y.example' }, headers: { 'content-type': 'text/plain' } });
    expect(wrongType).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    // Refusals changed nothing.
    expect((await call(users.GET, 'GET', '/scim/v2/Users')).body.totalResults).toBe(total + 1);
  });

  it('keeps the last active administrator: SCIM cannot deactivate them', async () => {
    const admin = actors.ADMIN;
    const linked = await call(users.POST, 'POST', '/scim/v2/Users', { body: { schemas: [USER], userName: admin.email, active: true } });
    const id = linked.body.id as string;
    const off = await call(user.PATCH, 'PATCH', `/scim/v2/Users/${id}`, { params: { id }, body: patchOps({ op: 'replace', path: 'active', value: false }) });
    expect(off.status).toBe(409);
    expect(off.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect((await portalUser(id)).active).toBe(true);
  });
});
