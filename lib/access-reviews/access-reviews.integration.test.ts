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
const { setUserManager, updateUser, createUser } = await import('@/lib/users/mutations');

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
    expect((await listAccessReviews(actors.ADMIN)).reviews[0]).toMatchObject({ status: 'CLOSED', unanswered: 0, items: 7 });
    const actions = (await db.auditEvent.findMany({ where: { orgId, entityType: 'access_review' }, select: { action: true } })).map((e) => e.action);
    expect(actions.filter((a) => a === 'access_review.item_decided')).toHaveLength(7);
    expect(actions).toEqual(expect.arrayContaining(['access_review.started', 'access_review.escalated', 'access_review.closed']));
    expect(await db.auditEvent.count({ where: { entityId: engineer.id, action: 'user.deactivated' } })).toBe(1);
  });
});

describe('reviewers are managers', () => {
  it('gives each item to the subject’s active manager (a token: its creator’s), else an administrator; a manager answers only their own items, never their own access', async () => {
    const { actors: a, orgId: org } = await createOrgWithRoles('Managed Org');
    const person = async (actor: Actor) => db.user.findUniqueOrThrow({ where: { id: actor.userId! }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
    const manager = a.COMPLIANCE_OFFICER;
    const mgr = await person(manager);
    const second = await createUser(a.ADMIN, { email: `second-admin-${org}@test.example`, name: 'Second Admin', role: 'ADMIN', mode: 'invite' });
    const left = await createUser(a.ADMIN, { email: `left-${org}@test.example`, name: 'Left', role: 'ENGINEER', mode: 'invite' });
    const orphan = await createUser(a.ADMIN, { email: `orphan-${org}@test.example`, name: 'Orphan', role: 'ENGINEER', mode: 'invite' });
    await setUserManager(a.ADMIN, { id: a.ENGINEER.userId!, managerId: mgr.id });
    await setUserManager(a.ADMIN, { id: a.PRIVACY_OFFICER.userId!, managerId: mgr.id });
    // An auditor cannot review (independence); an inactive manager neither: both fall back to an administrator.
    await setUserManager(a.ADMIN, { id: mgr.id, managerId: a.AUDITOR.userId! });
    await setUserManager(a.ADMIN, { id: orphan.id, managerId: left.id });
    await updateUser(a.ADMIN, left.id, { active: false });
    const engineer = await person(a.ENGINEER);
    const pipeline = await createToken(userActor(engineer, meta), { name: 'managed pipeline', scopes: ['monitoring:read'], expiresInDays: 10 });
    const sid = await startSession(a.PRIVACY_OFFICER.userId!, meta);

    const started = await reviews.startAccessReview(a.ADMIN, { title: 'Managed review', dueInDays: 7 });
    const all = await getAccessReview(a.ADMIN, started.id);
    const reviewerOf = (prefix: string) => all.items.find((i) => i.subject.startsWith(prefix))!.reviewer;
    expect(reviewerOf(`${engineer.email}:`)).toBe(mgr.email);
    expect(reviewerOf(`${(await person(a.PRIVACY_OFFICER)).email}:`)).toBe(mgr.email);
    expect(reviewerOf('managed pipeline')).toBe(mgr.email);
    expect(reviewerOf(`${mgr.email}:`)).toBe(a.ADMIN.email);
    expect(reviewerOf(`orphan-${org}`)).toBe(a.ADMIN.email);
    // The starter's own access goes to the other administrator.
    expect(reviewerOf(`${a.ADMIN.email}:`)).toBe(`second-admin-${org}@test.example`);
    expect(await db.notification.count({ where: { userId: mgr.id, kind: 'access_review.assigned', entityId: started.id } })).toBe(1);

    // The manager sees only their three items; an auditor nothing at all.
    const mine = await getAccessReview(manager, started.id);
    expect(mine.items.map((i) => i.subject).sort()).toEqual(all.items.filter((i) => i.reviewer === mgr.email).map((i) => i.subject).sort());
    expect(mine.items).toHaveLength(3);
    expect(mine.capabilities.close).toBe(false);
    expect((await listAccessReviews(manager)).reviews).toEqual([expect.objectContaining({ id: started.id, items: 3, unanswered: 3 })]);
    await expect(listAccessReviews(a.AUDITOR)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reviews.startAccessReview(manager, { title: 'no' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Another reviewer's item and their own access are refused, and stay open.
    const ownItem = all.items.find((i) => i.subject.startsWith(`${mgr.email}:`))!;
    const othersItem = all.items.find((i) => i.subject.startsWith(`orphan-${org}`))!;
    for (const itemId of [ownItem.id, othersItem.id]) {
      await expect(reviews.decideAccessReviewItem(manager, { itemId, decision: 'CONFIRMED' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(reviews.decideAccessReviewItem(a.ENGINEER, { itemId: othersItem.id, decision: 'REVOKED' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // An administrator answers anyone's item, but not their own access when it was given to another.
    const adminOwn = all.items.find((i) => i.subject.startsWith(`${a.ADMIN.email}:`))!;
    expect(adminOwn.capabilities.decide).toBe(false);
    await expect(reviews.decideAccessReviewItem(a.ADMIN, { itemId: adminOwn.id, decision: 'CONFIRMED' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // An answer is a person's attestation: an administrator's API token, even one that manages users, cannot give it.
    const adminToken = await createToken(a.ADMIN, { name: `review bot ${org}`, scopes: ['users:manage'], expiresInDays: 10 });
    const bot = (await actorForToken(adminToken.secret, { id: 'test', ip: null }))!;
    await expect(reviews.decideAccessReviewItem(bot, { itemId: othersItem.id, decision: 'CONFIRMED' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await db.accessReviewItem.findMany({ where: { id: { in: [ownItem.id, othersItem.id, adminOwn.id] } }, select: { decision: true } })).every((i) => i.decision === null)).toBe(true);

    // The manager confirms one and revokes the others: the token and the person's sessions end, under the manager's name.
    const pick = (prefix: string) => mine.items.find((i) => i.subject.startsWith(prefix))!.id;
    expect(mine.items.every((i) => i.capabilities.decide)).toBe(true);
    await reviews.decideAccessReviewItem(manager, { itemId: pick(`${engineer.email}:`), decision: 'CONFIRMED' });
    await reviews.decideAccessReviewItem(manager, { itemId: pick('managed pipeline'), decision: 'REVOKED', note: 'No longer used' });
    // Past the due date the unanswered go to their reviewers and the administrators.
    await reviews.escalateOverdueAccessReviews(systemActor(org, 'job:access-reviews.escalate'), new Date(Date.now() + 8 * 86_400_000));
    const told = await db.notification.findMany({ where: { orgId: org, kind: 'access_review.overdue' }, select: { userId: true } });
    expect(told.map((n) => n.userId).sort()).toEqual([a.ADMIN.userId!, second.id, mgr.id].sort());
    await reviews.decideAccessReviewItem(manager, { itemId: pick(`${(await person(a.PRIVACY_OFFICER)).email}:`), decision: 'REVOKED' });
    expect(await actorForToken(pipeline.secret, meta)).toBeNull();
    expect(await actorForSession(sid, a.PRIVACY_OFFICER.userId!, meta)).toBeNull();
    expect(await db.auditEvent.findMany({ where: { orgId: org, action: { in: ['token.revoked', 'user.deactivated'] }, entityId: { in: [pipeline.id, a.PRIVACY_OFFICER.userId!] } }, select: { action: true, actorId: true } })).toEqual(
      expect.arrayContaining([{ action: 'token.revoked', actorId: mgr.id }, { action: 'user.deactivated', actorId: mgr.id }]),
    );
    // Still only what the reviewer was given: the manager cannot revoke anything else with the lent rights.
    await expect(updateUser(manager, a.ENGINEER.userId!, { active: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });

  });

  it('refuses, naming managerId, a manager who is unknown, of another organisation or the person themselves, and audits a change', async () => {
    const { actors: a } = await createOrgWithRoles('Manager Field Org');
    const other = await createOrgWithRoles('Other Manager Org');
    const id = a.ENGINEER.userId!;
    for (const managerId of ['no-such-user', other.actors.ADMIN.userId!, id]) {
      await expect(updateUser(a.ADMIN, id, { managerId })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { managerId: [expect.any(String)] } });
    }
    await expect(setUserManager(a.ENGINEER, { id, managerId: a.ADMIN.userId! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Through PATCH /api/v1/users/{id}, as a signed-in administrator: 422 naming the field.
    const { encode } = await import('next-auth/jwt');
    const { authSecret } = await import('@/lib/env');
    const { NextRequest } = await import('next/server');
    const route = await import('@/app/api/v1/users/[id]/route');
    const sid = await startSession(a.ADMIN.userId!, meta);
    const cookie = `next-auth.session-token=${await encode({ token: { sid, uid: a.ADMIN.userId!, name: 'admin', email: a.ADMIN.email! }, secret: authSecret() })}`;
    const patch = async (body: unknown) => {
      const res = await route.PATCH(new NextRequest(`http://portal.test/api/v1/users/${id}`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json', host: 'portal.test', origin: 'http://portal.test' }, body: JSON.stringify(body) }), { params: Promise.resolve({ id }) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    for (const managerId of ['no-such-user', other.actors.ADMIN.userId!, id]) {
      const res = await patch({ managerId });
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).toContain('"managerId"');
    }
    expect(await db.user.findUniqueOrThrow({ where: { id }, select: { managerId: true } })).toEqual({ managerId: null });
    expect(await updateUser(a.ADMIN, id, { managerId: a.COMPLIANCE_OFFICER.userId! })).toEqual({ id, managerId: a.COMPLIANCE_OFFICER.userId! });
    expect(await updateUser(a.ADMIN, id, { managerId: null })).toEqual({ id, managerId: null });
    const events = await db.auditEvent.findMany({ where: { entityId: id, action: 'user.manager_changed' }, orderBy: { seq: 'asc' }, select: { changes: true, actorId: true } });
    expect(events.map((e) => [JSON.parse(e.changes!).managerId, e.actorId])).toEqual([
      [{ from: null, to: a.COMPLIANCE_OFFICER.userId! }, a.ADMIN.userId!],
      [{ from: a.COMPLIANCE_OFFICER.userId!, to: null }, a.ADMIN.userId!],
    ]);
  });
});
