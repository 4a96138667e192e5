import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, day, setupAuditTestEnv } from '../test-fixture';

// Separation of duties on evidence requests: whoever was asked for the
// evidence, or submitted any of it, never accepts or rejects it — not after
// handing the work to someone else, and not through their own API token.
await setupAuditTestEnv('request-separation');
const { db } = await import('@/lib/db');
const evidence = await import('../evidence/mutations');
const requests = await import('./mutations');
const { listEvidenceRequests } = await import('./queries');
const { createToken } = await import('@/lib/tokens/mutations');
const { actorForToken } = await import('@/lib/auth/token');

let actors: AuditWorkspace['actors'];
let auditId: string;
let requirementId: string;
const file = (text: string) => ({ name: 'log.txt', bytes: Buffer.from(`${text}\n`) });
const refused = (p: Promise<unknown>, why: RegExp) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(why) });

async function tokenOf(creator: Actor) {
  const token = await createToken(creator, { name: `bot of ${creator.name}`, scopes: ['audits:read', 'evidence:write', 'evidence:request'], expiresInDays: 5 });
  return (await actorForToken(token.secret, { id: 'req-bot', ip: '127.0.0.1' }))!;
}
const statusOf = async (id: string) => (await db.evidenceRequest.findUniqueOrThrow({ where: { id } })).status;
const reviewOffered = async (actor: Actor, id: string) => (await listEvidenceRequests(actor)).find((r) => r.id === id)!.capabilities.review;

beforeAll(async () => {
  ({ actors, auditId, requirementId } = await createAuditWorkspace());
});

describe('accepting evidence for a request', () => {
  it('(a) someone who submitted evidence never judges it, even after another person resubmits it', async () => {
    const r = await requests.createEvidenceRequest(actors.AUDITOR, { title: 'Access review', dueDate: day(10), requirementId, auditId });
    // A compliance officer may attach evidence anywhere, so fulfils the engineer's request…
    await evidence.addEvidence(actors.COMPLIANCE_OFFICER, { title: 'Access review v1', requestId: r.id }, file('v1'));
    expect(await reviewOffered(actors.COMPLIANCE_OFFICER, r.id)).toBe(false);
    await refused(requests.reviewEvidenceRequest(actors.COMPLIANCE_OFFICER, { id: r.id, decision: 'accept' }), /You submitted evidence/);
    expect(await statusOf(r.id)).toBe('SUBMITTED');
    // …and the work passing to the assignee (who resubmits) does not let the first submitter judge it.
    await requests.reviewEvidenceRequest(actors.AUDITOR, { id: r.id, decision: 'reject', comment: 'Whole quarter please' });
    await evidence.addEvidence(actors.ENGINEER, { title: 'Access review v2', requestId: r.id }, file('v2'));
    await refused(requests.reviewEvidenceRequest(actors.COMPLIANCE_OFFICER, { id: r.id, decision: 'accept' }), /You submitted evidence/);
    expect(await reviewOffered(actors.AUDITOR, r.id)).toBe(true);
    await requests.reviewEvidenceRequest(actors.AUDITOR, { id: r.id, decision: 'accept' });
    expect(await db.evidenceRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: 'ACCEPTED', reviewedById: actors.AUDITOR.userId, submitterIds: [actors.COMPLIANCE_OFFICER.userId, actors.ENGINEER.userId] });
  });

  it('(a) the person asked for the evidence never judges it, whoever attached it', async () => {
    const r = await requests.createEvidenceRequest(actors.AUDITOR, { title: 'DPIA', dueDate: day(10), requirementId, auditId, assigneeId: actors.COMPLIANCE_OFFICER.userId! });
    await evidence.addEvidence(actors.ADMIN, { title: 'DPIA', requestId: r.id }, file('dpia'));
    await refused(requests.reviewEvidenceRequest(actors.COMPLIANCE_OFFICER, { id: r.id, decision: 'accept' }), /assigned to you/);
    expect(await statusOf(r.id)).toBe('SUBMITTED');
  });

  it('(b) a token acts as its creator: it never accepts what its creator submitted, and records its creator when it may', async () => {
    const bot = await tokenOf(actors.ADMIN);
    const own = await requests.createEvidenceRequest(actors.AUDITOR, { title: 'Backups', dueDate: day(10), requirementId, auditId, assigneeId: actors.ENGINEER.userId! });
    await evidence.addEvidence(actors.ADMIN, { title: 'Backup report', requestId: own.id }, file('backups'));
    expect(await reviewOffered(bot, own.id)).toBe(false);
    await refused(requests.reviewEvidenceRequest(bot, { id: own.id, decision: 'accept' }), /You submitted evidence/);
    expect(await statusOf(own.id)).toBe('SUBMITTED');
    // Evidence submitted through the token counts as its creator's.
    const viaBot = await requests.createEvidenceRequest(actors.AUDITOR, { title: 'Restore test', dueDate: day(10), requirementId, auditId, assigneeId: actors.ENGINEER.userId! });
    await evidence.addEvidence(bot, { title: 'Restore test', requestId: viaBot.id }, file('restore'));
    await refused(requests.reviewEvidenceRequest(actors.ADMIN, { id: viaBot.id, decision: 'accept' }), /You submitted evidence/);
    // On evidence someone else submitted the token may decide, recorded as its creator.
    const other = await requests.createEvidenceRequest(actors.AUDITOR, { title: 'Patch report', dueDate: day(10), requirementId, auditId });
    await evidence.addEvidence(actors.ENGINEER, { title: 'Patch report', requestId: other.id }, file('patches'));
    await requests.reviewEvidenceRequest(bot, { id: other.id, decision: 'accept' });
    expect(await db.evidenceRequest.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: 'ACCEPTED', reviewedById: actors.ADMIN.userId });
  });
});
