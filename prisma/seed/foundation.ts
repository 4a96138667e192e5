import { systemActor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { setUserManager } from '@/lib/users/mutations';

import { DEMO_EXTERNAL_AUDITOR, DEMO_MANAGERS, DEMO_ORG, DEMO_PASSWORD, DEMO_USERS } from './demo-accounts';

/** The demo organisation, one user per role and the external auditor. Returns the org id. */
export async function seedFoundation(): Promise<{ orgId: string; created: boolean }> {
  const existing = await db.organization.findUnique({ where: { slug: DEMO_ORG.slug }, select: { id: true } });
  if (existing) return { orgId: existing.id, created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgId = await db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: DEMO_ORG, select: { id: true } });
    const actor = systemActor(org.id, 'seed');
    await recordEvent(tx, actor, { action: 'organization.created', entityType: 'organization', entityId: org.id, after: DEMO_ORG });
    const ids = new Map<string, string>();
    for (const u of [...DEMO_USERS, DEMO_EXTERNAL_AUDITOR]) {
      const user = await tx.user.create({ data: { ...u, orgId: org.id, passwordHash }, select: { id: true } });
      ids.set(u.email, user.id);
      await recordEvent(tx, actor, { action: 'user.created', entityType: 'user', entityId: user.id, after: { email: u.email, name: u.name, role: u.role, active: true } });
    }
    for (const [report, manager] of Object.entries(DEMO_MANAGERS)) await setUserManager(actor, { id: ids.get(report)!, managerId: ids.get(manager)! }, tx);
    return org.id;
  });
  return { orgId, created: true };
}
