import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('governance');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const g = await import('./mutations');
const q = await import('./queries');
const policies = await import('../mutations');
const { searchPeople } = await import('@/lib/users/search');

let actors: Record<Role, Actor>;
let other: Record<Role, Actor>;
let orgId: string;
let systems: { id: string; name: string }[];

const events = (entityType: string, entityId: string) => db.auditEvent.findMany({ where: { entityType, entityId }, orderBy: { seq: 'asc' }, select: { action: true, changes: true } });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Governance Org'));
  ({ actors: other } = await createOrgWithRoles('Other Governance Org'));
  await db.aISystem.createMany({ data: ['Credit', 'Triage'].map((name) => ({ orgId, name, purpose: 'test', domain: 'FINANCE' as const, regions: ['EU'], riskTier: 'HIGH' as const })) });
  systems = await db.aISystem.findMany({ where: { orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
});

describe('governance committee', () => {
  it('is set up with a charter policy, members and a meeting on a quarterly review, each audited', async () => {
    const charter = await policies.createPolicy(actors.COMPLIANCE_OFFICER, { title: 'Committee charter', category: 'Governance charter', body: '# Charter\n\nThe committee meets every quarter.' });
    await expect(g.addCommitteeMember(actors.COMPLIANCE_OFFICER, { userId: actors.ADMIN.userId! })).rejects.toMatchObject({ code: 'CONFLICT' });
    const c = await g.saveCommittee(actors.COMPLIANCE_OFFICER, { name: 'AI governance committee', charterPolicyId: charter.id });
    await g.addCommitteeMember(actors.COMPLIANCE_OFFICER, { userId: actors.ADMIN.userId!, role: 'chair' });
    await g.addCommitteeMember(actors.COMPLIANCE_OFFICER, { userId: actors.ENGINEER.userId! });
    await g.addCommitteeMember(actors.COMPLIANCE_OFFICER, { userId: actors.ENGINEER.userId!, role: 'secretary' });
    const review = await db.quarterlyReview.create({ data: { orgId, quarter: '2026-Q3', periodStart: new Date('2026-07-01T00:00:00Z'), periodEnd: new Date('2026-10-01T00:00:00Z') } });
    const m = await g.recordCommitteeMeeting(actors.COMPLIANCE_OFFICER, { heldAt: '2026-10-08T09:00:00.000Z', reviewId: review.id, minutes: 'Reviewed the quarter.' });
    expect(m.reviewQuarter).toBe('2026-Q3');

    const read = await q.getCommittee(actors.AUDITOR);
    expect(read).toMatchObject({ id: c.id, name: 'AI governance committee', charter: { id: charter.id, title: 'Committee charter', version: null }, capabilities: { manage: false } });
    expect(read.members.map((x) => [x.userId, x.role])).toEqual([[actors.ADMIN.userId, 'chair'], [actors.ENGINEER.userId, 'secretary']]);
    expect(read.meetings).toEqual([expect.objectContaining({ id: m.id, heldAt: '2026-10-08T09:00:00.000Z', review: { id: review.id, quarter: '2026-Q3', status: 'PLANNED' } })]);
    expect((await q.getCommittee(actors.ADMIN)).capabilities.manage).toBe(true);

    await g.removeCommitteeMember(actors.ADMIN, { userId: actors.ENGINEER.userId! });
    await expect(g.removeCommitteeMember(actors.ADMIN, { userId: actors.ENGINEER.userId! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await q.getCommittee(actors.ADMIN)).members).toHaveLength(1);
    expect((await events('governance_committee', c.id)).map((e) => e.action)).toEqual([
      'committee.created', 'committee.member_added', 'committee.member_added', 'committee.member_added', 'committee.meeting_recorded', 'committee.member_removed',
    ]);
  });

  it("refuses another organisation's policy, review and people, and every role but compliance and admin", async () => {
    const foreign = await policies.createPolicy(other.COMPLIANCE_OFFICER, { title: 'Foreign charter', category: 'Governance charter', body: '# Charter\n\nSomeone else’s text.' });
    await expect(g.saveCommittee(actors.ADMIN, { name: 'AI governance committee', charterPolicyId: foreign.id })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { charterPolicyId: expect.any(Array) } });
    await expect(g.addCommitteeMember(actors.ADMIN, { userId: other.ADMIN.userId! })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { userId: expect.any(Array) } });
    const foreignReview = await db.quarterlyReview.create({ data: { orgId: other.ADMIN.orgId, quarter: '2026-Q2', periodStart: new Date('2026-04-01T00:00:00Z'), periodEnd: new Date('2026-07-01T00:00:00Z') } });
    await expect(g.recordCommitteeMeeting(actors.ADMIN, { heldAt: '2026-07-08T09:00:00.000Z', reviewId: foreignReview.id })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { reviewId: expect.any(Array) } });
    for (const role of ['ENGINEER', 'AUDITOR', 'PRIVACY_OFFICER'] as const) {
      await expect(g.saveCommittee(actors[role], { name: 'Taken over' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(g.addCommitteeMember(actors[role], { userId: actors[role].userId! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(g.setSystemRaci(actors[role], { systemId: systems[0].id, accountable: actors[role].userId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await q.getCommittee(actors.ADMIN)).name).toBe('AI governance committee');
    expect(await db.committeeMeeting.count({ where: { reviewId: foreignReview.id } })).toBe(0);
  });
});

describe('system RACI', () => {
  it('rewrites the whole RACI, audited with before and after, and shows it per system', async () => {
    const [credit, triage] = systems;
    await g.setSystemRaci(actors.COMPLIANCE_OFFICER, { systemId: credit.id, accountable: actors.ADMIN.userId, responsible: [actors.ENGINEER.userId!], consulted: [actors.COMPLIANCE_OFFICER.userId!, actors.PRIVACY_OFFICER.userId!], informed: [actors.AUDITOR.userId!] });
    let racis = await q.systemRacis(actors.AUDITOR, [credit.id, triage.id]);
    expect(racis[credit.id].accountable?.id).toBe(actors.ADMIN.userId);
    expect(racis[credit.id].responsible.map((p) => p.id)).toEqual([actors.ENGINEER.userId]);
    expect(racis[credit.id].consulted.map((p) => p.id).sort()).toEqual([actors.COMPLIANCE_OFFICER.userId, actors.PRIVACY_OFFICER.userId].sort());
    expect(racis[triage.id]).toEqual({ systemId: triage.id, accountable: null, responsible: [], consulted: [], informed: [] });

    await g.setSystemRaci(actors.ADMIN, { systemId: credit.id, accountable: actors.COMPLIANCE_OFFICER.userId, responsible: [actors.ENGINEER.userId!] });
    racis = await q.systemRacis(actors.ENGINEER, [credit.id]);
    expect(racis[credit.id]).toMatchObject({ accountable: { id: actors.COMPLIANCE_OFFICER.userId }, consulted: [], informed: [] });
    const trail = await events('ai_system', credit.id);
    expect(trail.map((e) => e.action)).toEqual(['system.raci_set', 'system.raci_set']);
    const diff = typeof trail[1].changes === 'string' ? JSON.parse(trail[1].changes) : trail[1].changes;
    expect(diff).toMatchObject({ accountable: { from: [actors.ADMIN.userId], to: [actors.COMPLIANCE_OFFICER.userId] }, informed: { from: [actors.AUDITOR.userId], to: [] } });
    expect(diff.responsible).toBeUndefined();
  });

  it('refuses people of another organisation, the accountable person as responsible too, and another organisation’s system, writing nothing', async () => {
    const [credit] = systems;
    const before = await db.systemRaci.findMany({ where: { aiSystemId: credit.id }, orderBy: { id: 'asc' } });
    await expect(g.setSystemRaci(actors.ADMIN, { systemId: credit.id, accountable: actors.ADMIN.userId, informed: [other.ENGINEER.userId!] })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { informed: expect.any(Array) } });
    await expect(g.setSystemRaci(actors.ADMIN, { systemId: credit.id, accountable: actors.ADMIN.userId, responsible: [actors.ADMIN.userId!] })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(g.setSystemRaci(other.ADMIN, { systemId: credit.id, accountable: other.ADMIN.userId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.systemRaci.findMany({ where: { aiSystemId: credit.id }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await q.getSystemRaci(other.ADMIN, credit.id)).toBeNull();
  });

  it('puts RACI people first in the people picker, strongest role first, and only within the organisation', async () => {
    const [credit, triage] = systems;
    await g.setSystemRaci(actors.ADMIN, { systemId: triage.id, accountable: actors.PRIVACY_OFFICER.userId, informed: [actors.AUDITOR.userId!] });
    const all = await searchPeople(actors.ENGINEER, { q: '', limit: 20 });
    expect(all.slice(0, 4).map((p) => p.value)).toEqual([actors.COMPLIANCE_OFFICER.userId, actors.PRIVACY_OFFICER.userId, actors.ENGINEER.userId, actors.AUDITOR.userId]);
    expect(all[0].description).toBe('RACI: Accountable · Credit');
    expect(all).toHaveLength(5);
    const forTriage = await searchPeople(actors.ENGINEER, { q: '', limit: 20, systemId: triage.id });
    expect(forTriage.slice(0, 2).map((p) => p.value)).toEqual([actors.PRIVACY_OFFICER.userId, actors.AUDITOR.userId]);
    expect(forTriage[2].description).not.toMatch(/^RACI/);
    expect((await searchPeople(actors.ENGINEER, { q: 'auditor', limit: 20 })).map((p) => p.value)).toEqual([actors.AUDITOR.userId]);
    expect((await searchPeople(other.ADMIN, { q: '', limit: 50, systemId: credit.id })).map((p) => p.value)).not.toContain(actors.COMPLIANCE_OFFICER.userId);
  });
});
