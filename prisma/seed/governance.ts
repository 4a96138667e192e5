import type { Actor } from '@/lib/auth/actor';
import { ROLE_GRANTS } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { DEMO_USERS } from './demo-accounts';

// Governance roles: the AI governance committee (its charter is the demo's
// charter policy, still waiting for approval), four members, a meeting on the
// last closed quarterly review, and a RACI for each of the three AI systems.
// Runs after the reviews, through the real mutations.

export async function seedGovernance(orgId: string, log: (line: string) => void = console.log): Promise<void> {
  if (await db.governanceCommittee.findUnique({ where: { orgId }, select: { id: true } })) {
    log('seed: governance committee already present');
    return;
  }
  const users = await db.user.findMany({ where: { orgId, email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, orgId: true, email: true, name: true, role: true } });
  const as = (role: string): Actor & { userId: string } => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`seed: no demo ${role}`);
    return { kind: 'user', userId: u.id, tokenId: null, orgId: u.orgId, role: u.role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role], request: { id: 'seed', ip: null } };
  };
  const g = await import('@/lib/policies/governance/mutations');
  const admin = as('ADMIN');
  const compliance = as('COMPLIANCE_OFFICER');
  const privacy = as('PRIVACY_OFFICER');
  const engineer = as('ENGINEER');
  const charter = await db.policy.findFirst({ where: { orgId, category: 'Governance charter' }, select: { id: true } });
  await g.saveCommittee(compliance, { name: 'AI governance committee', charterPolicyId: charter?.id ?? null });
  await g.addCommitteeMember(compliance, { userId: admin.userId, role: 'chair' });
  await g.addCommitteeMember(compliance, { userId: compliance.userId, role: 'secretary' });
  await g.addCommitteeMember(compliance, { userId: privacy.userId, role: 'member' });
  await g.addCommitteeMember(compliance, { userId: engineer.userId, role: 'member' });
  const review = await db.quarterlyReview.findFirst({ where: { orgId, status: 'CLOSED' }, orderBy: { quarter: 'desc' }, select: { id: true, periodEnd: true } });
  if (review) {
    await g.recordCommitteeMeeting(compliance, {
      heldAt: new Date(Math.min(Date.now(), review.periodEnd.getTime() + 7 * 86_400_000)).toISOString(),
      reviewId: review.id,
      minutes: 'Reviewed the quarter’s figures, the credit model’s red-team finding and the expiring BAA. Decided to require a red-team exercise before high-risk releases.',
    });
  }
  const systems = await db.aISystem.findMany({ where: { orgId }, select: { id: true, name: true } });
  for (const s of systems) {
    const clinical = s.name.startsWith('Clinical');
    await g.setSystemRaci(compliance, {
      systemId: s.id,
      accountable: admin.userId,
      responsible: [engineer.userId],
      consulted: clinical || s.name.startsWith('Credit') ? [compliance.userId, privacy.userId] : [compliance.userId],
      informed: clinical ? [] : [privacy.userId].filter(() => !s.name.startsWith('Credit')),
    });
  }
  log(`seed: governance committee with 4 members${review ? ', a meeting on the last quarterly review' : ''} and a RACI for ${systems.length} AI system(s)`);
}
