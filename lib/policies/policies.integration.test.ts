import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('policies');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const policies = await import('./mutations');
const queries = await import('./queries');

let actors: Record<Role, Actor>;
let n = 0;
const text = (s: string) => `# Policy\n\n${s}\n`;

async function published(requiredRoles: Role[] = ['ENGINEER']) {
  n += 1;
  const p = await policies.createPolicy(actors.COMPLIANCE_OFFICER, { title: `Policy ${n}`, category: 'AI acceptable use', requiredRoles, body: text('Version one text') });
  await policies.approvePolicyVersion(actors.ADMIN, { versionId: p.versionId });
  await policies.publishPolicyVersion(actors.ADMIN, { versionId: p.versionId });
  return p;
}

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles('Policies Org'));
});

describe('policy approval', () => {
  it('refuses approval by the author, and allows another approver', async () => {
    const p = await policies.createPolicy(actors.ADMIN, { title: 'Author approval', category: 'Data retention', body: text('Keep data 30 days') });
    await expect(policies.approvePolicyVersion(actors.ADMIN, { versionId: p.versionId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await db.policyVersion.findUniqueOrThrow({ where: { id: p.versionId } })).status).toBe('DRAFT');
    const detail = await queries.getPolicy(actors.ADMIN, p.id);
    expect(detail.versions[0].capabilities.approve).toBe(false);
    expect((await queries.getPolicy(actors.COMPLIANCE_OFFICER, p.id)).versions[0].capabilities.approve).toBe(true);
    await policies.approvePolicyVersion(actors.COMPLIANCE_OFFICER, { versionId: p.versionId });
    await expect(policies.publishPolicyVersion(actors.ENGINEER, { versionId: p.versionId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await policies.publishPolicyVersion(actors.COMPLIANCE_OFFICER, { versionId: p.versionId });
    expect((await queries.getPolicy(actors.AUDITOR, p.id)).current?.label).toBe('1.0');
  });

  it('does not publish a draft, and refuses writes to engineers and auditors', async () => {
    const p = await policies.createPolicy(actors.COMPLIANCE_OFFICER, { title: 'Draft only', category: 'Other', body: text('Draft') });
    await expect(policies.publishPolicyVersion(actors.ADMIN, { versionId: p.versionId })).rejects.toMatchObject({ code: 'CONFLICT' });
    for (const role of ['ENGINEER', 'AUDITOR'] as const) {
      await expect(policies.createPolicy(actors[role], { title: `No ${role}`, category: 'Other', body: text('x') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(policies.approvePolicyVersion(actors[role], { versionId: p.versionId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('acknowledgement per version', () => {
  it('counts per major version: a minor version keeps it, a major version asks again', async () => {
    const p = await published(['ENGINEER']);
    expect((await queries.getPolicy(actors.ENGINEER, p.id)).mine).toBe('due');
    await policies.acknowledgePolicy(actors.ENGINEER, { policyId: p.id });
    expect((await policies.acknowledgePolicy(actors.ENGINEER, { policyId: p.id })).already).toBe(true);
    expect((await queries.getPolicy(actors.ENGINEER, p.id)).mine).toBe('done');

    const minor = await policies.draftPolicyVersion(actors.COMPLIANCE_OFFICER, { policyId: p.id, body: text('Version one text, clarified') });
    expect(minor.version).toBe('1.1');
    await policies.approvePolicyVersion(actors.ADMIN, { versionId: minor.id });
    await policies.publishPolicyVersion(actors.ADMIN, { versionId: minor.id });
    expect((await queries.getPolicy(actors.ENGINEER, p.id)).mine).toBe('done');

    const major = await policies.draftPolicyVersion(actors.COMPLIANCE_OFFICER, { policyId: p.id, body: text('A new rule'), major: 'on' });
    expect(major.version).toBe('2.0');
    await policies.approvePolicyVersion(actors.ADMIN, { versionId: major.id });
    await policies.publishPolicyVersion(actors.ADMIN, { versionId: major.id });
    const after = await queries.getPolicy(actors.COMPLIANCE_OFFICER, p.id);
    const engineer = after.people.find((u) => u.id === actors.ENGINEER.userId);
    expect(engineer).toMatchObject({ acknowledgedAt: null, previous: '1.0' });
    expect(after.diff?.lines?.some((l) => l.kind === 'added' && l.text === 'A new rule')).toBe(true);
    expect(after.versions.map((v) => v.status)).toEqual(['PUBLISHED', 'SUPERSEDED', 'SUPERSEDED']);
    const list = await queries.listPolicies(actors.ENGINEER);
    expect(list.items.find((i) => i.id === p.id)).toMatchObject({ mine: 'due', acknowledged: 0, required: 1 });
  });

  it('refuses an API token acknowledging for a person', async () => {
    const p = await published(['ENGINEER']);
    const token: Actor = { ...actors.ENGINEER, kind: 'token', tokenId: 'tok-1' };
    await expect(policies.acknowledgePolicy(token, { policyId: p.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.policyAcknowledgement.count({ where: { policyId: p.id } })).toBe(0);
  });
});

describe('AI literacy register', () => {
  it('computes coverage per role and lists people missing or expired', async () => {
    const course = await policies.createTrainingCourse(actors.COMPLIANCE_OFFICER, { title: 'AI literacy basics', validityMonths: 12, requiredRoles: ['ENGINEER', 'AUDITOR'] });
    await policies.recordTraining(actors.COMPLIANCE_OFFICER, { courseId: course.id, userId: actors.ENGINEER.userId!, completedAt: new Date().toISOString().slice(0, 10) });
    await policies.recordTraining(actors.COMPLIANCE_OFFICER, { courseId: course.id, userId: actors.AUDITOR.userId!, completedAt: '2020-01-01' });
    await expect(policies.recordTraining(actors.ENGINEER, { courseId: course.id, userId: actors.ENGINEER.userId!, completedAt: '2026-01-01' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const t = await queries.trainingCoverage(actors.AUDITOR);
    expect(t.coverage.find((c) => c.role === 'ENGINEER')).toMatchObject({ covered: 1, people: 1, percent: 100 });
    expect(t.coverage.find((c) => c.role === 'AUDITOR')).toMatchObject({ covered: 0, percent: 0 });
    expect(t.overdue).toEqual([expect.objectContaining({ userId: actors.AUDITOR.userId, state: 'expired', course: 'AI literacy basics' })]);
  });
});
