import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import type { UserCapabilities } from './capabilities';

await setupTestDatabase('user_caps');
const { db } = await import('@/lib/db');
const { allowedBy, createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const users = await import('./mutations');
const userQueries = await import('./queries');
const mfa = await import('@/lib/auth/mfa/mutations');

let actors: Record<Role, Actor>;
let orgId: string;
let n = 0;

/** A fresh user of the given role and state, so every attempt starts from the same place. */
async function userIn(role: Role, active: boolean) {
  n += 1;
  const u = await users.createUser(actors.ADMIN, { email: `caps-${n}@test.example`, name: `Caps ${n}`, role, mode: 'invite' });
  if (!active) await users.deactivateUser(actors.ADMIN, u.id);
  return u.id;
}

async function capabilitiesOf(actor: Actor, id: string): Promise<UserCapabilities> {
  const { items } = await userQueries.listUsers(actor, { pageSize: 200 });
  return items.find((u) => u.id === id)!.capabilities;
}

const attempts: Record<keyof UserCapabilities, (actor: Actor, id: string) => Promise<unknown>> = {
  changeRole: async (a, id) => {
    const current = await db.user.findUniqueOrThrow({ where: { id }, select: { role: true } });
    return users.changeUserRole(a, { id, role: current.role === 'ENGINEER' ? 'AUDITOR' : 'ENGINEER' });
  },
  deactivate: (a, id) => users.deactivateUser(a, id),
  reactivate: (a, id) => users.reactivateUser(a, id),
  reissueInvite: (a, id) => users.reissueInvite(a, id),
  setManager: (a, id) => users.setUserManager(a, { id, managerId: actors.ADMIN.userId }),
  resetMfa: (a, id) => mfa.resetUserMfa(a, id),
};

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('User Caps Org'));
});

describe('user capabilities agree with the mutations', () => {
  // Only those who may read the user list see capabilities at all.
  const viewers: Role[] = ['ADMIN', 'COMPLIANCE_OFFICER'];
  const cases: [Role, boolean][] = [
    ['ENGINEER', true],
    ['ENGINEER', false],
    ['ADMIN', true],
    ['ADMIN', false],
  ];
  for (const [role, active] of cases) {
    it(`for every viewer and action on ${active ? 'an active' : 'a deactivated'} ${role.toLowerCase()}`, async () => {
      const disagreements: string[] = [];
      for (const viewer of viewers) {
        for (const action of Object.keys(attempts) as (keyof UserCapabilities)[]) {
          const id = await userIn(role, active);
          const expected = (await capabilitiesOf(actors[viewer], id))[action];
          const allowed = await allowedBy(attempts[action](actors[viewer], id));
          if (allowed !== expected) disagreements.push(`${viewer} ${action}: capability ${expected}, mutation ${allowed ? 'allowed' : 'refused'}`);
        }
      }
      expect(disagreements).toEqual([]);
    }, 60_000);
  }

  it('offers nothing on the last active administrator, and the mutations refuse it', async () => {
    // Only this org's own administrator is an active admin (the other admins made above were demoted or deactivated, or are active).
    const admins = await db.user.findMany({ where: { orgId, role: 'ADMIN', active: true }, select: { id: true } });
    for (const a of admins) if (a.id !== actors.ADMIN.userId) await users.changeUserRole(actors.ADMIN, { id: a.id, role: 'ENGINEER' });
    const id = actors.ADMIN.userId!;
    const caps = await capabilitiesOf(actors.ADMIN, id);
    expect(caps).toEqual({ changeRole: false, deactivate: false, reactivate: false, reissueInvite: true, setManager: true, resetMfa: false });
    expect(await allowedBy(attempts.changeRole(actors.ADMIN, id))).toBe(false);
    expect(await allowedBy(attempts.deactivate(actors.ADMIN, id))).toBe(false);
  });

  it('the user list itself is refused to the roles that see no capabilities', async () => {
    for (const role of ROLES.filter((r) => !viewers.includes(r))) await expect(userQueries.listUsers(actors[role])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
