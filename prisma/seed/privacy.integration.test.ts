import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

process.env.EVIDENCE_DIR = await mkdtemp(path.join(tmpdir(), 'seed-privacy-'));
await setupTestDatabase('seed_privacy');
const { db } = await import('@/lib/db');
const { seedDemo } = await import('./index');
const { TEST_DEMO_DECISIONS } = await import('./decisions');

describe('the privacy demo seed', () => {
  it('has a six-activity register, a signed-off DPIA and a FRIA, eight requests in every state (one extended, one late), retention and a minimisation review in progress; a second run adds nothing', { timeout: 300_000 }, async () => {
    await seedDemo(() => undefined, { decisions: TEST_DEMO_DECISIONS });
    const org = await db.organization.findFirstOrThrow({ select: { id: true } });
    const orgId = org.id;
    expect(await db.processingActivity.count({ where: { orgId } })).toBe(6);
    const assessments = await db.privacyAssessment.findMany({ where: { orgId }, select: { kind: true, status: true } });
    expect(assessments).toEqual(expect.arrayContaining([{ kind: 'DPIA', status: 'SIGNED_OFF' }, { kind: 'FRIA', status: 'DRAFT' }]));
    const requests = await db.subjectRequest.findMany({ where: { orgId }, select: { status: true, overdue: true, extendedAt: true } });
    expect(requests).toHaveLength(8);
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['RECEIVED', 'VERIFYING', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REFUSED']));
    expect(requests.filter((r) => r.overdue)).toHaveLength(1);
    expect(requests.filter((r) => r.extendedAt)).toHaveLength(1);
    expect(await db.retentionRule.count({ where: { orgId } })).toBe(3);
    expect(await db.privacyTask.count({ where: { orgId, retentionRuleId: { not: null }, status: 'OPEN' } })).toBeGreaterThan(0);
    const reviews = await db.minimisationReview.findMany({ where: { orgId }, include: { items: true } });
    expect(reviews.some((r) => !r.completedAt && r.items.some((i) => i.decision) && r.items.some((i) => !i.decision))).toBe(true);
    const before = { requests: await db.subjectRequest.count(), reviews: await db.minimisationReview.count(), activities: await db.processingActivity.count() };
    await seedDemo(() => undefined, { decisions: TEST_DEMO_DECISIONS });
    expect({ requests: await db.subjectRequest.count(), reviews: await db.minimisationReview.count(), activities: await db.processingActivity.count() }).toEqual(before);
  });
});
