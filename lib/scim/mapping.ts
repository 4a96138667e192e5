import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import type { Role } from '@/lib/auth/permissions';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { changeUserRole } from '@/lib/users/mutations';
import { DEFAULT_SCIM_SETTINGS, mapGroupRoleSchema, ROLE_PRECEDENCE, scimSettingsSchema, type ScimSettings } from './schema';

export const scimSettingsKey = (orgId: string) => `identity.scim:${orgId}`;

export async function readScimSettings(orgId: string, client: Tx | typeof db = db): Promise<ScimSettings> {
  const row = await client.setting.findUnique({ where: { key: scimSettingsKey(orgId) }, select: { value: true } });
  const parsed = row ? scimSettingsSchema.safeParse(row.value) : null;
  return parsed?.success ? parsed.data : DEFAULT_SCIM_SETTINGS;
}

function requirePerson(actor: Actor) {
  authorize(actor, 'users:manage');
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'The group mapping is set by a signed-in administrator.');
}

/** The role a provisioned user holds: the highest one their mapped groups give, else the default. */
export function mappedRole(groupRoles: readonly (Role | null)[], settings: ScimSettings): Role {
  return ROLE_PRECEDENCE.find((r) => groupRoles.includes(r)) ?? settings.defaultRole;
}

/**
 * Brings the roles of these provisioned users in line with their mapped
 * groups, through the users domain's own role change (audited there; the last
 * active administrator is kept). Called when a mapped group's members change,
 * when a group's mapping changes, and when a mapped group is deleted.
 */
export async function applyMappedRoles(tx: Tx, actor: Actor, userIds: readonly string[]) {
  if (!userIds.length) return;
  const settings = await readScimSettings(actor.orgId, tx);
  const users = await tx.user.findMany({
    where: { id: { in: [...userIds] }, orgId: actor.orgId, scimId: { not: null } },
    select: { id: true, role: true, scimGroups: { select: { group: { select: { role: true } } } } },
  });
  for (const u of users) {
    const role = mappedRole(u.scimGroups.map((m) => m.group.role), settings);
    if (role !== u.role) await changeUserRole(actor, { id: u.id, role }, tx);
  }
}

export async function getScimAdmin(actor: Actor) {
  requirePerson(actor);
  const [settings, groups] = await Promise.all([
    readScimSettings(actor.orgId),
    db.scimGroup.findMany({
      where: { orgId: actor.orgId },
      orderBy: { displayName: 'asc' },
      select: { id: true, displayName: true, externalId: true, role: true, updatedAt: true, _count: { select: { members: true } } },
    }),
  ]);
  return {
    settings,
    groups: groups.map((g) => ({ id: g.id, displayName: g.displayName, externalId: g.externalId, role: g.role, members: g._count.members, updatedAt: g.updatedAt.toISOString() })),
  };
}

/** Sets the portal role a group gives; the members' roles follow at once. Changing others' roles needs a fresh factor. */
export async function mapGroupRole(actor: Actor, input: { groupId: string; role: Role | null | string }) {
  requirePerson(actor);
  requireFreshFactor(actor);
  const data = mapGroupRoleSchema.parse(input);
  return db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    const group = await tx.scimGroup.findFirst({ where: { id: data.groupId, orgId: actor.orgId }, select: { id: true, role: true, displayName: true, members: { select: { userId: true } } } });
    if (!group) throw notFound('The group');
    if (group.role === data.role) return { id: group.id, role: group.role };
    await tx.scimGroup.update({ where: { id: group.id }, data: { role: data.role } });
    await recordEvent(tx, actor, { action: 'scim.group_role_mapped', entityType: 'scim_group', entityId: group.id, before: { role: group.role }, after: { role: data.role, displayName: group.displayName } });
    await applyMappedRoles(tx, actor, group.members.map((m) => m.userId));
    return { id: group.id, role: data.role };
  });
}

export async function updateScimSettings(actor: Actor, input: ScimSettings) {
  requirePerson(actor);
  requireFreshFactor(actor);
  const data = scimSettingsSchema.parse(input);
  const key = scimSettingsKey(actor.orgId);
  await db.$transaction(async (tx) => {
    await lockScim(tx, actor.orgId);
    const before = await readScimSettings(actor.orgId, tx);
    await tx.setting.upsert({ where: { key }, create: { key, value: data }, update: { value: data } });
    await recordEvent(tx, actor, { action: 'scim.settings_updated', entityType: 'setting', entityId: key, before, after: data });
  });
  return data;
}

/** SCIM writes of one organisation run one at a time: uniqueness and ETag checks stay true until commit. */
export async function lockScim(tx: Tx, orgId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`scim:${orgId}`}))`;
}
