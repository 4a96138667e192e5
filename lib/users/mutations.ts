import 'server-only';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { randomBytes } from 'node:crypto';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { anonymousActor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { hashPassword, passwordProblem } from '@/lib/auth/password';
import { isLastActiveAdmin } from './capabilities';
import { recordEvent } from '@/lib/audit/record';
import { sha256Hex } from '@/lib/audit/canonical';
import { db, inTransaction, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { Role } from '@/lib/auth/permissions';
import { acceptInviteSchema, changeRoleSchema, createUserSchema, setManagerSchema, type CreateUserInput } from './schema';

const INVITE_DAYS = 7;

async function assertNotLastAdmin(tx: Tx, orgId: string, userId: string) {
  // Lock the org's admin rows so two admins demoting each other at once
  // cannot leave the organisation without one.
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "orgId" = ${orgId} AND "role" = 'ADMIN' AND "active" = true FOR UPDATE`;
  if (isLastActiveAdmin({ id: userId, role: 'ADMIN', active: true }, admins.map((a) => a.id))) {
    throw new AppError('CONFLICT', 'This is the last active administrator. Make another user an administrator first.');
  }
}

async function loadUser(tx: Tx, actor: Actor, id: string) {
  const user = await tx.user.findFirst({
    where: { id, orgId: actor.orgId },
    select: { id: true, email: true, name: true, role: true, active: true },
  });
  if (!user) throw notFound('The user');
  return user;
}

export async function createUser(actor: Actor, input: CreateUserInput) {
  authorize(actor, 'users:manage');
  const data = createUserSchema.parse(input);
  let passwordHash: string | null = null;
  let inviteToken: string | null = null;
  if (data.mode === 'password') {
    const problem = passwordProblem(data.password ?? '', data.email);
    if (problem) throw new AppError('VALIDATION', problem, { fieldErrors: { password: [problem] } });
    passwordHash = await hashPassword(data.password!);
  } else {
    inviteToken = randomBytes(32).toString('base64url');
  }
  const user = await db.$transaction(async (tx) => {
    const exists = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
    if (exists) throw new AppError('CONFLICT', `A user with the email ${data.email} already exists.`, { fieldErrors: { email: ['Already in use'] } });
    const created = await tx.user.create({
      data: {
        orgId: actor.orgId,
        email: data.email,
        name: data.name,
        role: data.role,
        passwordHash,
        inviteTokenHash: inviteToken ? sha256Hex(inviteToken) : null,
        inviteExpiresAt: inviteToken ? new Date(Date.now() + INVITE_DAYS * 86_400_000) : null,
      },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordEvent(tx, actor, {
      action: data.mode === 'invite' ? 'user.invited' : 'user.created',
      entityType: 'user',
      entityId: created.id,
      after: { email: created.email, name: created.name, role: created.role, active: true },
    });
    return created;
  });
  return { ...user, invitePath: inviteToken ? `/invite/${inviteToken}` : null };
}

export async function changeUserRole(actor: Actor, input: { id: string; role: Role }, outer?: Tx) {
  authorize(actor, 'users:manage');
  requireFreshFactor(actor);
  const data = changeRoleSchema.parse(input);
  return inTransaction(outer, async (tx) => {
    const user = await loadUser(tx, actor, data.id);
    if (user.role === data.role) return user;
    if (user.role === 'ADMIN') await assertNotLastAdmin(tx, actor.orgId, user.id);
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role: data.role },
      select: { id: true, email: true, name: true, role: true, active: true },
    });
    await recordEvent(tx, actor, { action: 'user.role_changed', entityType: 'user', entityId: user.id, before: { role: user.role }, after: { role: updated.role } });
    return updated;
  });
}

/** Deactivation revokes every session at once: the next request is refused. */
export async function deactivateUser(actor: Actor, id: string, outer?: Tx) {
  authorize(actor, 'users:manage');
  return inTransaction(outer, async (tx) => {
    const user = await loadUser(tx, actor, id);
    if (!user.active) throw new AppError('CONFLICT', 'This user is already deactivated.');
    if (user.role === 'ADMIN') await assertNotLastAdmin(tx, actor.orgId, user.id);
    const now = new Date();
    // Everything that lets the person in ends now and for good: a later
    // reactivation brings back the account, not its old sessions, API tokens
    // or a pending invitation link.
    await tx.user.update({ where: { id }, data: { active: false, deactivatedAt: now, inviteTokenHash: null, inviteExpiresAt: null } });
    const revoked = await tx.authSession.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
    const tokens = await tx.apiToken.updateMany({ where: { createdById: id, orgId: actor.orgId, revokedAt: null }, data: { revokedAt: now } });
    await recordEvent(tx, actor, {
      action: 'user.deactivated',
      entityType: 'user',
      entityId: id,
      changes: { active: { from: true, to: false }, sessionsRevoked: revoked.count, tokensRevoked: tokens.count },
    });
    return { id, active: false };
  });
}

export async function reactivateUser(actor: Actor, id: string, outer?: Tx) {
  authorize(actor, 'users:manage');
  return inTransaction(outer, async (tx) => {
    const user = await loadUser(tx, actor, id);
    if (user.active) throw new AppError('CONFLICT', 'This user is already active.');
    await tx.user.update({ where: { id }, data: { active: true, deactivatedAt: null } });
    await recordEvent(tx, actor, { action: 'user.reactivated', entityType: 'user', entityId: id, before: { active: false }, after: { active: true } });
    return { id, active: true };
  });
}

/** A new invite link for a user who has not set a password yet. */
export async function reissueInvite(actor: Actor, id: string) {
  authorize(actor, 'users:manage');
  const inviteToken = randomBytes(32).toString('base64url');
  await db.$transaction(async (tx) => {
    const user = await loadUser(tx, actor, id);
    if (!user.active) throw new AppError('CONFLICT', 'Reactivate the user before inviting them.');
    await tx.user.update({
      where: { id },
      data: { inviteTokenHash: sha256Hex(inviteToken), inviteExpiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000) },
    });
    await recordEvent(tx, actor, { action: 'user.invite_reissued', entityType: 'user', entityId: id });
  });
  return { id, invitePath: `/invite/${inviteToken}` };
}

/** The invited user sets their password with the one-time link. */
export async function acceptInvite(input: { token: string; password: string; confirm: string }, meta: RequestMeta) {
  const data = acceptInviteSchema.parse(input);
  const user = await db.user.findUnique({
    where: { inviteTokenHash: sha256Hex(data.token) },
    select: { id: true, orgId: true, email: true, active: true, inviteExpiresAt: true },
  });
  if (!user || !user.active || !user.inviteExpiresAt || user.inviteExpiresAt.getTime() < Date.now()) {
    throw new AppError('NOT_FOUND', 'This invitation link is invalid or has expired. Ask an administrator for a new one.');
  }
  const problem = passwordProblem(data.password, user.email);
  if (problem) throw new AppError('VALIDATION', problem, { fieldErrors: { password: [problem] } });
  const passwordHash = await hashPassword(data.password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, inviteTokenHash: null, inviteExpiresAt: null } });
    await recordEvent(tx, { ...anonymousActor(meta, user.email), orgId: user.orgId }, {
      action: 'user.invite_accepted',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return { email: user.email };
}


/**
 * Sets (or clears, with null) a user's line manager: another user of the same
 * organisation, never themselves. Refusals name the field `managerId`.
 * Audited as `user.manager_changed`.
 */
export async function setUserManager(actor: Actor, input: { id: string; managerId: string | null }, outer?: Tx) {
  authorize(actor, 'users:manage');
  const data = setManagerSchema.parse(input);
  const refuse = (message: string) => new AppError('VALIDATION', message, { fieldErrors: { managerId: [message] } });
  return inTransaction(outer, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: data.id, orgId: actor.orgId }, select: { id: true, managerId: true } });
    if (!user) throw notFound('The user');
    if (data.managerId === user.id) throw refuse('A person cannot be their own manager.');
    if (data.managerId) {
      const manager = await tx.user.findFirst({ where: { id: data.managerId, orgId: actor.orgId }, select: { id: true } });
      if (!manager) throw refuse('No user of this organisation has this id.');
    }
    if (user.managerId === data.managerId) return { id: user.id, managerId: user.managerId };
    await tx.user.update({ where: { id: user.id }, data: { managerId: data.managerId } });
    await recordEvent(tx, actor, { action: 'user.manager_changed', entityType: 'user', entityId: user.id, before: { managerId: user.managerId }, after: { managerId: data.managerId } });
    return { id: user.id, managerId: data.managerId };
  });
}

/** PATCH semantics for the API: role, manager and/or active in one call, one transaction. */
export async function updateUser(actor: Actor, id: string, body: { role?: Role; active?: boolean; managerId?: string | null }) {
  authorize(actor, 'users:manage');
  return db.$transaction(async (tx) => {
    const result: { id: string; role?: Role; active?: boolean; managerId?: string | null } = { id };
    if (body.role !== undefined) result.role = (await changeUserRole(actor, { id, role: body.role }, tx)).role;
    if (body.managerId !== undefined) result.managerId = (await setUserManager(actor, { id, managerId: body.managerId }, tx)).managerId;
    if (body.active === false) result.active = (await deactivateUser(actor, id, tx)).active;
    if (body.active === true) result.active = (await reactivateUser(actor, id, tx)).active;
    return result;
  });
}

/**
 * A user created by the organisation's identity provider (SCIM): no password
 * and no invitation, since they sign in through single sign-on; the role is
 * the one the provider's group mapping gives. Audited as `user.provisioned`.
 */
export async function provisionUser(actor: Actor, input: { email: string; name: string; role: Role; active: boolean; scim: { scimId: string; scimUserName: string; scimExternalId: string | null; scimGivenName: string | null; scimFamilyName: string | null } }, tx: Tx) {
  authorize(actor, 'users:manage');
  const created = await tx.user.create({
    data: { orgId: actor.orgId, email: input.email, name: input.name, role: input.role, active: input.active, deactivatedAt: input.active ? null : new Date(), ...input.scim },
    select: { id: true, email: true, name: true, role: true, active: true },
  });
  await recordEvent(tx, actor, {
    action: 'user.provisioned',
    entityType: 'user',
    entityId: created.id,
    after: { email: created.email, name: created.name, role: created.role, active: created.active, scimUserName: input.scim.scimUserName, scimExternalId: input.scim.scimExternalId },
  });
  return created;
}
