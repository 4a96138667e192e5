import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { ROLES, type Role } from '@/lib/auth/permissions';

/** An organisation with one user per role, as actors the lib functions accept. */
export async function createOrgWithRoles(label = 'Test Org') {
  const { db } = await import('@/lib/db');
  const { userActor } = await import('@/lib/auth/session');
  const suffix = randomBytes(4).toString('hex');
  const org = await db.organization.create({ data: { name: label, slug: `org-${suffix}` }, select: { id: true } });
  const actors = {} as Record<Role, Actor>;
  for (const role of ROLES) {
    const user = await db.user.create({
      data: { orgId: org.id, email: `${role.toLowerCase()}-${suffix}@test.example`, name: `${role} ${suffix}`, role, passwordHash: null },
      select: { id: true, orgId: true, email: true, name: true, role: true, active: true },
    });
    actors[role] = userActor(user, { id: `req-${role}`, ip: '127.0.0.1' });
  }
  return { orgId: org.id, actors };
}

/**
 * Whether a mutation went through: true when it resolves, false when it is
 * refused as the capabilities predict (forbidden, a conflict with the record's
 * state, or invalid for it); anything else is a bug and fails the test.
 */
export async function allowedBy(attempt: Promise<unknown>): Promise<boolean> {
  return attempt.then(
    () => true,
    (error: { code?: string }) => {
      if (!['FORBIDDEN', 'CONFLICT', 'VALIDATION'].includes(error.code ?? '')) throw error;
      return false;
    },
  );
}
