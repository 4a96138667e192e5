import 'server-only';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { publicBaseUrl } from '@/lib/env';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseEqFilter } from './filter';
import { applyMappedRoles, lockScim } from './mapping';
import { applyPatch, type AttrTable } from './patch';
import { GROUP_SCHEMA, LIST_SCHEMA, ScimError } from './protocol';
import { checkIfMatch, parseDoc, versionOf } from './resource';

export const GROUP_ATTRS: AttrTable = [
  { name: 'displayName' },
  { name: 'externalId' },
  { name: 'members', multi: true, subs: ['value', 'display', '$ref', 'type'] },
];
export const GROUP_FILTERS = ['displayName', 'externalId', 'id'] as const;

const groupDocSchema = z.object({
  displayName: z.string({ error: 'displayName is required' }).trim().min(1, 'displayName is required').max(200),
  externalId: z.string().trim().max(254).nullish(),
  members: z.array(z.object({ value: z.string({ error: 'each member needs a value' }).min(1).max(64) })).max(50_000).nullish(),
});
type GroupDoc = z.output<typeof groupDocSchema>;

const GROUP_SELECT = {
  id: true,
  displayName: true,
  externalId: true,
  role: true,
  createdAt: true,
  updatedAt: true,
  members: { orderBy: { userId: 'asc' }, select: { userId: true, user: { select: { scimId: true, name: true } } } },
} satisfies Prisma.ScimGroupSelect;
type GroupRow = Prisma.ScimGroupGetPayload<{ select: typeof GROUP_SELECT }>;

const base = () => `${publicBaseUrl()}/scim/v2`;

export function groupResource(g: GroupRow, opts: { members?: boolean } = {}) {
  const body = {
    schemas: [GROUP_SCHEMA],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    members: g.members.filter((m) => m.user.scimId).map((m) => ({ value: m.user.scimId!, display: m.user.name, $ref: `${base()}/Users/${m.user.scimId}` })),
  };
  const version = versionOf(body);
  const { members, ...rest } = body;
  // excludedAttributes=members (Entra asks for it) leaves the list out, not the version.
  const shown = opts.members === false ? rest : { ...rest, members };
  return { version, body: { ...shown, meta: { resourceType: 'Group', created: g.createdAt.toISOString(), lastModified: g.updatedAt.toISOString(), location: `${base()}/Groups/${g.id}`, version } } };
}

async function loadGroup(tx: Tx | typeof db, actor: Actor, id: string): Promise<GroupRow> {
  const g = await tx.scimGroup.findFirst({ where: { id, orgId: actor.orgId }, select: GROUP_SELECT });
  if (!g) throw new ScimError(404, `Group ${id} not found.`);
  return g;
}

export async function getScimGroup(actor: Actor, id: string, opts: { members?: boolean } = {}) {
  authorize(actor, 'users:read');
  return groupResource(await loadGroup(db, actor, id), opts);
}

export async function listScimGroups(actor: Actor, q: { filter: string | null; startIndex: number; count: number; members?: boolean }) {
  authorize(actor, 'users:read');
  const f = parseEqFilter(q.filter, GROUP_FILTERS);
  const where: Prisma.ScimGroupWhereInput = { orgId: actor.orgId };
  if (f?.attr === 'displayName') where.displayName = { equals: f.value, mode: 'insensitive' };
  if (f?.attr === 'externalId') where.externalId = f.value;
  if (f?.attr === 'id') where.id = f.value;
  const [total, rows] = await Promise.all([
    db.scimGroup.count({ where }),
    q.count === 0 ? Promise.resolve([]) : db.scimGroup.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: q.startIndex - 1, take: q.count, select: GROUP_SELECT }),
  ]);
  return { schemas: [LIST_SCHEMA], totalResults: total, startIndex: q.startIndex, itemsPerPage: rows.length, Resources: rows.map((r) => groupResource(r, { members: q.members }).body) };
}

/** Members are SCIM users of this organisation; an unknown id refuses the whole write. */
async function resolveMembers(tx: Tx, actor: Actor, doc: GroupDoc): Promise<Map<string, string>> {
  const ids = [...new Set((doc.members ?? []).map((m) => m.value))];
  const users = ids.length ? await tx.user.findMany({ where: { orgId: actor.orgId, scimId: { in: ids } }, select: { id: true, scimId: true } }) : [];
  const found = new Map(users.map((u) => [u.scimId!, u.id]));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length) throw new ScimError(400, `members: no user with the id ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ' …' : ''}.`, 'invalidValue');
  return found;
}

async function writeGroup(tx: Tx, actor: Actor, current: GroupRow | null, doc: GroupDoc) {
  const wanted = new Set((await resolveMembers(tx, actor, doc)).values());
  const had = new Set(current?.members.map((m) => m.userId) ?? []);
  const added = [...wanted].filter((id) => !had.has(id));
  const removed = [...had].filter((id) => !wanted.has(id));
  const fields = { displayName: doc.displayName, externalId: doc.externalId || null };
  let id = current?.id;
  if (!current) {
    id = (await tx.scimGroup.create({ data: { orgId: actor.orgId, ...fields }, select: { id: true } })).id;
  } else if (fields.displayName !== current.displayName || fields.externalId !== current.externalId || added.length || removed.length) {
    // updatedAt moves with membership too: it is the resource's lastModified.
    await tx.scimGroup.update({ where: { id }, data: { ...fields, updatedAt: new Date() } });
  }
  if (added.length) await tx.scimGroupMember.createMany({ data: added.map((userId) => ({ groupId: id!, userId })) });
  if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId: id, userId: { in: removed } } });
  const changed = !current || fields.displayName !== current.displayName || fields.externalId !== current.externalId || added.length || removed.length;
  if (changed) {
    await recordEvent(tx, actor, {
      action: current ? 'scim.group_updated' : 'scim.group_created',
      entityType: 'scim_group',
      entityId: id,
      changes: { ...fields, ...(current ? { before: { displayName: current.displayName, externalId: current.externalId } } : {}), membersAdded: added, membersRemoved: removed },
    });
  }
  // A group without a role changes nobody's role.
  if (current?.role) await applyMappedRoles(tx, actor, [...added, ...removed]);
  return groupResource(await loadGroup(tx, actor, id!));
}

export async function createScimGroup(actor: Actor, raw: unknown) {
  authorize(actor, 'users:manage');
  const doc = parseDoc(groupDocSchema, raw);
  return db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    return writeGroup(tx, actor, null, doc);
  });
}

export async function replaceScimGroup(actor: Actor, id: string, raw: unknown, ifMatch: string | null) {
  authorize(actor, 'users:manage');
  const doc = parseDoc(groupDocSchema, raw);
  return db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    const current = await loadGroup(tx, actor, id);
    checkIfMatch(ifMatch, groupResource(current).version);
    return writeGroup(tx, actor, current, doc);
  });
}

export async function patchScimGroup(actor: Actor, id: string, raw: unknown, ifMatch: string | null) {
  authorize(actor, 'users:manage');
  return db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    const current = await loadGroup(tx, actor, id);
    checkIfMatch(ifMatch, groupResource(current).version);
    const members = current.members.filter((m) => m.user.scimId).map((m) => ({ value: m.user.scimId! }));
    const { doc } = applyPatch({ displayName: current.displayName, externalId: current.externalId ?? undefined, members }, raw, GROUP_ATTRS, GROUP_SCHEMA);
    return writeGroup(tx, actor, current, parseDoc(groupDocSchema, doc));
  });
}

/** DELETE /Groups/{id}: members of a mapped group fall back to what their other groups give. */
export async function deleteScimGroup(actor: Actor, id: string, ifMatch: string | null) {
  authorize(actor, 'users:manage');
  await db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    const current = await loadGroup(tx, actor, id);
    checkIfMatch(ifMatch, groupResource(current).version);
    await tx.scimGroup.delete({ where: { id } });
    await recordEvent(tx, actor, { action: 'scim.group_deleted', entityType: 'scim_group', entityId: id, changes: { displayName: current.displayName, role: current.role, members: current.members.length } });
    if (current.role) await applyMappedRoles(tx, actor, current.members.map((m) => m.userId));
  });
}
