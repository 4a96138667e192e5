import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { publicBaseUrl } from '@/lib/env';
import type { Prisma } from '@/lib/generated/prisma/client';
import { deactivateUser, provisionUser, reactivateUser, setUserManager } from '@/lib/users/mutations';
import { parseEqFilter } from './filter';
import { lockScim, mappedRole, readScimSettings } from './mapping';
import { applyPatch, type AttrTable, type Extensions } from './patch';
import { ENTERPRISE_USER_SCHEMA, LIST_SCHEMA, ScimError, USER_SCHEMA } from './protocol';
import { checkIfMatch, parseDoc, scimBoolean, versionOf } from './resource';

export const USER_ATTRS: AttrTable = [
  { name: 'userName' },
  { name: 'externalId' },
  { name: 'active' },
  { name: 'displayName' },
  { name: 'name', subs: ['givenName', 'familyName', 'formatted'] },
  { name: 'emails', multi: true, subs: ['value', 'type', 'primary', 'display'] },
  { name: 'groups', multi: true, subs: ['value', 'display', '$ref', 'type'], readOnly: true },
];
/** The enterprise extension's attributes the portal keeps: the manager (a SCIM user id of this organisation). */
export const USER_EXTENSIONS: Extensions = { [ENTERPRISE_USER_SCHEMA]: [{ name: 'manager', subs: ['value', 'displayName', '$ref'] }] };
export const USER_FILTERS = ['userName', 'externalId', 'id', 'emails.value'] as const;

const text = (max: number) => z.string().trim().max(max).nullish();
const userDocSchema = z.object({
  userName: z.string({ error: 'userName is required' }).trim().min(1, 'userName is required').max(254),
  externalId: text(254),
  active: scimBoolean.optional(),
  displayName: text(120),
  name: z.object({ givenName: text(120), familyName: text(120), formatted: text(240) }).nullish(),
  emails: z.array(z.object({ value: text(254), type: text(40), primary: scimBoolean.optional() })).max(20).nullish(),
  // Entra sends the manager as a bare id in PATCH, Okta and RFC 7643 as { value }.
  [ENTERPRISE_USER_SCHEMA]: z
    .object({ manager: z.union([text(254), z.object({ value: text(254) })]).nullish() })
    .nullish(),
});
type UserDoc = z.output<typeof userDocSchema>;

const EMAIL = z.email();

/** The manager's SCIM id the document names: undefined when it does not speak of one, null to clear. */
function managerRefOf(raw: unknown, doc: UserDoc): string | null | undefined {
  const ext = (raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>).find(([k]) => k.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase()) : undefined)?.[1];
  const spoke = ext && typeof ext === 'object' && Object.keys(ext).some((k) => k.toLowerCase() === 'manager');
  if (!spoke) return undefined;
  const m = doc[ENTERPRISE_USER_SCHEMA]?.manager;
  const value = typeof m === 'string' ? m : m?.value;
  return value?.trim() || null;
}

/** The portal keeps one address: the primary one, else the work one, else the first; else a userName that is an address. */
function emailOf(doc: UserDoc): string {
  const list = (doc.emails ?? []).filter((e) => e.value);
  const pick = list.find((e) => e.primary) ?? list.find((e) => e.type?.toLowerCase() === 'work') ?? list[0];
  const email = (pick?.value ?? doc.userName).trim().toLowerCase();
  if (!EMAIL.safeParse(email).success) throw new ScimError(400, 'emails: give an e-mail address (or a userName that is one); portal users are matched by e-mail.', 'invalidValue');
  return email;
}

function displayNameOf(doc: UserDoc): string {
  const joined = [doc.name?.givenName, doc.name?.familyName].filter(Boolean).join(' ');
  return (doc.displayName || doc.name?.formatted || joined || doc.userName).slice(0, 120);
}

const USER_SELECT = {
  id: true,
  scimId: true,
  scimUserName: true,
  scimExternalId: true,
  scimGivenName: true,
  scimFamilyName: true,
  name: true,
  email: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  manager: { select: { scimId: true, name: true } },
  scimGroups: { orderBy: { groupId: 'asc' }, select: { group: { select: { id: true, displayName: true } } } },
} satisfies Prisma.UserSelect;
type UserRow = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

const base = () => `${publicBaseUrl()}/scim/v2`;

/** The SCIM User, its version, and the document PATCH edits. */
export function userResource(u: UserRow) {
  const body = {
    schemas: [USER_SCHEMA],
    id: u.scimId!,
    ...(u.scimExternalId ? { externalId: u.scimExternalId } : {}),
    userName: u.scimUserName!,
    name: { ...(u.scimGivenName ? { givenName: u.scimGivenName } : {}), ...(u.scimFamilyName ? { familyName: u.scimFamilyName } : {}) },
    displayName: u.name,
    emails: [{ value: u.email, type: 'work', primary: true }],
    active: u.active,
    groups: u.scimGroups.map((m) => ({ value: m.group.id, display: m.group.displayName, $ref: `${base()}/Groups/${m.group.id}` })),
  };
  // The enterprise extension appears only with a manager SCIM knows, so other users' versions stay as they were.
  if (u.manager?.scimId) {
    Object.assign(body, { schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], [ENTERPRISE_USER_SCHEMA]: { manager: { value: u.manager.scimId, displayName: u.manager.name, $ref: `${base()}/Users/${u.manager.scimId}` } } });
  }
  const version = versionOf(body);
  return {
    version,
    body: { ...body, meta: { resourceType: 'User', created: u.createdAt.toISOString(), lastModified: u.updatedAt.toISOString(), location: `${base()}/Users/${u.scimId}`, version } },
  };
}

function editable(u: UserRow): Record<string, unknown> {
  const { body } = userResource(u);
  const ext = (body as Record<string, unknown>)[ENTERPRISE_USER_SCHEMA];
  return { userName: body.userName, externalId: body.externalId, active: body.active, displayName: body.displayName, name: body.name, emails: body.emails, ...(ext ? { [ENTERPRISE_USER_SCHEMA]: ext } : {}) };
}

async function loadUser(tx: Tx | typeof db, actor: Actor, scimId: string): Promise<UserRow> {
  const u = await tx.user.findFirst({ where: { scimId, orgId: actor.orgId }, select: USER_SELECT });
  if (!u) throw new ScimError(404, `User ${scimId} not found.`);
  return u;
}

export async function getScimUser(actor: Actor, scimId: string) {
  authorize(actor, 'users:read');
  return userResource(await loadUser(db, actor, scimId));
}

export async function listScimUsers(actor: Actor, q: { filter: string | null; startIndex: number; count: number }) {
  authorize(actor, 'users:read');
  const f = parseEqFilter(q.filter, USER_FILTERS);
  const where: Prisma.UserWhereInput = { orgId: actor.orgId, scimId: { not: null } };
  if (f?.attr === 'userName') where.scimUserName = { equals: f.value, mode: 'insensitive' };
  if (f?.attr === 'externalId') where.scimExternalId = f.value;
  if (f?.attr === 'id') where.scimId = f.value;
  if (f?.attr === 'emails.value') where.email = f.value.trim().toLowerCase();
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    q.count === 0 ? Promise.resolve([]) : db.user.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: q.startIndex - 1, take: q.count, select: USER_SELECT }),
  ]);
  return { schemas: [LIST_SCHEMA], totalResults: total, startIndex: q.startIndex, itemsPerPage: rows.length, Resources: rows.map((r) => userResource(r).body) };
}

async function assertUserNameFree(tx: Tx, orgId: string, userName: string, exceptId: string | null) {
  const taken = await tx.user.findFirst({
    where: { orgId, scimId: { not: null }, scimUserName: { equals: userName, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new ScimError(409, `A user with the userName "${userName}" already exists.`, 'uniqueness');
}

/** Deactivation goes through the users domain: every session and API token of the person ends with it. */
async function setActive(tx: Tx, actor: Actor, userId: string, was: boolean, want: boolean) {
  if (was && !want) await deactivateUser(actor, userId, tx);
  if (!was && want) await reactivateUser(actor, userId, tx);
}

/**
 * The manager the identity provider names (its SCIM id here), set through the
 * users domain (audited there). Unknown, of another organisation, or the user
 * themselves: refused, naming the attribute. Not named: left as it is.
 */
async function applyManager(tx: Tx, actor: Actor, userId: string, ref: string | null | undefined) {
  if (ref === undefined) return;
  let managerId: string | null = null;
  if (ref) {
    const m = await tx.user.findFirst({ where: { scimId: ref, orgId: actor.orgId }, select: { id: true } });
    if (!m) throw new ScimError(400, `manager: no user with the id "${ref}" here (give the id this service provider returned for the manager).`, 'invalidValue');
    if (m.id === userId) throw new ScimError(400, 'manager: a user cannot be their own manager.', 'invalidValue');
    managerId = m.id;
  }
  await setUserManager(actor, { id: userId, managerId }, tx);
}

function scimFields(doc: UserDoc) {
  return {
    scimUserName: doc.userName,
    scimExternalId: doc.externalId || null,
    scimGivenName: doc.name?.givenName || null,
    scimFamilyName: doc.name?.familyName || null,
  };
}

/**
 * POST /Users. A portal user of this organisation with the same e-mail whom
 * SCIM does not manage yet is linked, not duplicated (their role stays until a
 * mapped group decides it); anyone else is created with the role the mapping
 * gives a user in no group. A password in the body is never stored.
 */
export async function createScimUser(actor: Actor, raw: unknown) {
  authorize(actor, 'users:manage');
  const doc = parseDoc(userDocSchema, raw);
  const email = emailOf(doc);
  const active = doc.active ?? true;
  const scimId = randomUUID();
  return db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    await assertUserNameFree(tx, actor.orgId, doc.userName, null);
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, orgId: true, scimId: true, active: true } });
    if (existing) {
      if (existing.orgId !== actor.orgId || existing.scimId) throw new ScimError(409, `A user with the e-mail ${email} already exists.`, 'uniqueness');
      await tx.user.update({ where: { id: existing.id }, data: { scimId, name: displayNameOf(doc), ...scimFields(doc) } });
      await recordEvent(tx, actor, { action: 'scim.user_linked', entityType: 'user', entityId: existing.id, after: { email, ...scimFields(doc) } });
      await applyManager(tx, actor, existing.id, managerRefOf(raw, doc));
      await setActive(tx, actor, existing.id, existing.active, active);
    } else {
      const settings = await readScimSettings(actor.orgId, tx);
      const created = await provisionUser(actor, { email, name: displayNameOf(doc), role: mappedRole([], settings), active, scim: { scimId, ...scimFields(doc) } }, tx);
      await applyManager(tx, actor, created.id, managerRefOf(raw, doc));
    }
    return userResource(await loadUser(tx, actor, scimId));
  });
}

async function writeUser(tx: Tx, actor: Actor, current: UserRow, doc: UserDoc, managerRef: string | null | undefined) {
  const email = emailOf(doc);
  await assertUserNameFree(tx, actor.orgId, doc.userName, current.id);
  if (email !== current.email) {
    const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (taken) throw new ScimError(409, `A user with the e-mail ${email} already exists.`, 'uniqueness');
  }
  const before = { email: current.email, name: current.name, scimUserName: current.scimUserName, scimExternalId: current.scimExternalId, scimGivenName: current.scimGivenName, scimFamilyName: current.scimFamilyName };
  const after = { email, name: displayNameOf(doc), ...scimFields(doc) };
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    await tx.user.update({ where: { id: current.id }, data: after });
    await recordEvent(tx, actor, { action: 'scim.user_updated', entityType: 'user', entityId: current.id, before, after });
  }
  await applyManager(tx, actor, current.id, managerRef);
  await setActive(tx, actor, current.id, current.active, doc.active ?? current.active);
  return userResource(await loadUser(tx, actor, current.scimId!));
}

/** PUT /Users/{id}: the whole resource as sent (an absent `active`, or an absent enterprise manager, keeps the current state). */
export async function replaceScimUser(actor: Actor, scimId: string, raw: unknown, ifMatch: string | null) {
  authorize(actor, 'users:manage');
  const doc = parseDoc(userDocSchema, raw);
  return db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    const current = await loadUser(tx, actor, scimId);
    checkIfMatch(ifMatch, userResource(current).version);
    return writeUser(tx, actor, current, doc, managerRefOf(raw, doc));
  });
}

/** PATCH /Users/{id}: the operations applied to the current resource, then stored like a PUT. */
export async function patchScimUser(actor: Actor, scimId: string, raw: unknown, ifMatch: string | null) {
  authorize(actor, 'users:manage');
  return db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    const current = await loadUser(tx, actor, scimId);
    checkIfMatch(ifMatch, userResource(current).version);
    const before = editable(current);
    const { doc } = applyPatch(before, raw, USER_ATTRS, USER_SCHEMA, USER_EXTENSIONS);
    const patched = parseDoc(userDocSchema, doc);
    // A manager removed by the operations is cleared; one never spoken of stays.
    const ref = managerRefOf(doc, patched) ?? (ENTERPRISE_USER_SCHEMA in before ? null : undefined);
    return writeUser(tx, actor, current, patched, ref === managerRefOf(before, parseDoc(userDocSchema, before)) ? undefined : ref);
  });
}

/**
 * DELETE /Users/{id}: the person is deactivated (sessions and tokens end),
 * leaves every group and is no longer a SCIM resource (404 from now on). The
 * portal keeps the account for its audit history; a later POST with the same
 * e-mail links it again under a new id.
 */
export async function deleteScimUser(actor: Actor, scimId: string, ifMatch: string | null) {
  authorize(actor, 'users:manage');
  await db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    const current = await loadUser(tx, actor, scimId);
    checkIfMatch(ifMatch, userResource(current).version);
    await setActive(tx, actor, current.id, current.active, false);
    const left = await tx.scimGroupMember.deleteMany({ where: { userId: current.id } });
    await tx.user.update({ where: { id: current.id }, data: { scimId: null, scimUserName: null, scimExternalId: null, scimGivenName: null, scimFamilyName: null } });
    await recordEvent(tx, actor, { action: 'scim.user_deleted', entityType: 'user', entityId: current.id, changes: { scimId, scimUserName: current.scimUserName, groupsLeft: left.count } });
  });
}
