import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';


process.env.EVIDENCE_DIR = await mkdtemp(path.join(tmpdir(), 'access-review-evidence-'));
await setupTestDatabase('access_reviews');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { startSession, actorForSession, userActor } = await import('@/lib/auth/session');
const { actorForToken } = await import('@/lib/auth/token');
const { createToken } = await import('@/lib/tokens/mutations');
const { systemActor } = await import('@/lib/auth/actor');
const reviews = await import('./mutations');
const { getAccessReview, listAccessReviews } = await import('./queries');

const meta = { id: 'req-access-review', ip: '10.0.0.9' };
let actors: Record<Role, Actor>;
let orgId: string;
let requirementIds: string[];

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Access Review Org'));
  const fw = async (key: string, refs: string[]) => {
    const f = await db.framework.create({ data: { orgId, key, name: key, kind: 'STANDARD', jurisdiction: 'INTL', version: '1' }, select: { id: true } });
    return Promise.all(refs.map((ref) => db.requirement.create({ data: { orgId, frameworkId: f.id, ref, title: ref, summary: ref, area: 'DATA_SECURITY' }, select: { id: true } })));
  };
  const made = [...(await fw('soc2', ['CC6.2', 'CC6.3', 'CC7.1'])), ...(await fw('iso-27001', ['5.18'])), ...(await fw('hipaa-security', ['164.308(a)(4)']))];
  requirementIds = [made[0].id, made[1].id, made[3].id, made[4].id];
});

describe('quarterly access review', () => {
  it('snapshots every role and token, revokes what reviewers revoke, escalates the unanswered, and files a frozen report as evidence', async () => {
    const engineer = await db.user.findUniqueOrThrow({ where: { id: actors.ENGINEER.userId! }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
    const sid = await startSession(engineer.id, meta);
    const pipeline = await createToken(userActor(engineer, meta), { name: 'engineer pipeline', scopes: ['monitoring:read'], expiresInDays: 10 });
    const deploy = await createToken(actors.ADMIN, { name: 'deploy', scopes: ['models:read'], expiresInDays: 10 });

    await expect(reviews.startAccessReview(actors.COMPLIANCE_OFFICER, { title: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const started = await reviews.startAccessReview(actors.ADMIN, { title: 'Q1 access review', dueInDays: 7 });
    expect(started.items).toBe(5 + 2);
    let r = await getAccessReview(actors.ADMIN, started.id);
    // The administrator's own role and token are reviewed by someone else when there is another admin; here there is none.
    expect(r.items.filter((i) => i.kind === 'role').map((i) => i.subject).sort()).toEqual((await db.user.findMany({ where: { orgId }, select: { email: true, role: true } })).map((u) => `${u.email}: ${u.role}`).sort());
    expect(r.capabilities.close).toBe(false);

    const item = (pred: (i: (typeof r.items)[number]) => boolean) => r.items.find(pred)!;
    await reviews.decideAccessReviewItem(actors.ADMIN, { itemId: item((i) => i.subject.startsWith(`${engineer.email}:`)).id, decision: 'REVOKED', note: 'Left the team' });
    await reviews.decideAccessReviewItem(actors.ADMIN, { itemId: item((i) => i.subject.startsWith('deploy')).id, decision: 'REVOKED' });
    // Revoked now: the engineer's session and token, and the deploy token.
    expect(await actorForSession(sid, engineer.id, meta)).toBeNull();
    expect(await actorForToken(pipeline.secret, meta)).toBeNull();
    expect(await actorForToken(deploy.secret, meta)).toBeNull();
    await expect(reviews.decideAccessReviewItem(actors.ADMIN, { itemId: item((i) => i.subject.startsWith('deploy')).id, decision: 'CONFIRMED' })).rejects.toMatchObject({ code: 'CONFLICT' });

    await expect(reviews.closeAccessReview(actors.ADMIN, started.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    // Past the due date, the job escalates the unanswered items once.
    const job = systemActor(orgId, 'job:access-reviews.escalate');
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await reviews.escalateOverdueAccessReviews(job, later)).toBe(5);
    expect(await reviews.escalateOverdueAccessReviews(job, later)).toBe(0);
    expect(await db.notification.count({ where: { orgId, kind: 'access_review.overdue', userId: actors.ADMIN.userId! } })).toBe(1);

    r = await getAccessReview(actors.ADMIN, started.id);
    for (const i of r.items.filter((x) => !x.decision)) await reviews.decideAccessReviewItem(actors.ADMIN, { itemId: i.id, decision: 'CONFIRMED' });
    expect((await getAccessReview(actors.ADMIN, started.id)).capabilities.close).toBe(true);
    const closed = await reviews.closeAccessReview(actors.ADMIN, started.id);
    expect(closed.requirements).toBe(4);
    const evidence = await db.evidence.findUniqueOrThrow({ where: { id: closed.evidenceId }, select: { sha256: true, title: true, requirements: { select: { requirementId: true } } } });
    expect(evidence.sha256).toBe(closed.reportSha256);
    expect(evidence.requirements.map((x) => x.requirementId).sort()).toEqual([...requirementIds].sort());
    // Frozen.
    await expect(reviews.closeAccessReview(actors.ADMIN, started.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await listAccessReviews(actors.ADMIN))[0]).toMatchObject({ status: 'CLOSED', unanswered: 0, items: 7 });
    const actions = (await db.auditEvent.findMany({ where: { orgId, entityType: 'access_review' }, select: { action: true } })).map((e) => e.action);
    expect(actions.filter((a) => a === 'access_review.item_decided')).toHaveLength(7);
    expect(actions).toEqual(expect.arrayContaining(['access_review.started', 'access_review.escalated', 'access_review.closed']));
    expect(await db.auditEvent.count({ where: { entityId: engineer.id, action: 'user.deactivated' } })).toBe(1);
  });
});
