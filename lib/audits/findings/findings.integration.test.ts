import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, day, deny, setupAuditTestEnv } from '../test-fixture';

await setupAuditTestEnv('findings');
const { db } = await import('@/lib/db');
const findings = await import('./mutations');
const findingQueries = await import('./queries');
const { exportFindings } = await import('./export');
const settings = await import('../settings/mutations');
const { systemActor } = await import('@/lib/auth/actor');
const { createToken } = await import('@/lib/tokens/mutations');
const { actorForToken } = await import('@/lib/auth/token');

let actors: AuditWorkspace['actors'];
let auditId: string;
let orgId: string;
let frameworkId: string;
let requirementId: string;

async function counts() {
  return { findings: await db.finding.count(), evidence: await db.evidence.count(), events: await db.auditEvent.count() };
}

beforeAll(async () => {
  ({ actors, auditId, frameworkId, requirementId, orgId } = await createAuditWorkspace());
});

describe('findings', () => {
  it('defaults the due date by severity from the settings, and refuses past dates writing nothing', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'MFA not enforced', description: 'Admins lack MFA', severity: 'CRITICAL', auditId, ownerId: actors.ENGINEER.userId!, requirementIds: [requirementId] });
    expect(f.dueDate!.slice(0, 10)).toBe(day(30));
    await settings.updateAuditSettings(actors.ADMIN, { dueDays: { CRITICAL: 7, HIGH: 60, MEDIUM: 90, LOW: 180 }, allAuditorsSeeAll: false, internalAuditorIds: [] });
    const g = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Second critical', description: 'x', severity: 'CRITICAL', ownerId: actors.ENGINEER.userId! });
    expect(g.dueDate!.slice(0, 10)).toBe(day(7));
    await deny(settings.updateAuditSettings(actors.COMPLIANCE_OFFICER, { dueDays: { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 1 }, allAuditorsSeeAll: true, internalAuditorIds: [] }));

    const before = await counts();
    await expect(findings.createFinding(actors.AUDITOR, { title: 'Late one', description: 'x', severity: 'LOW', auditId, dueDate: day(-1) })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(findings.createFinding(actors.AUDITOR, { title: 'Bad link', description: 'x', severity: 'LOW', auditId, requirementIds: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await deny(findings.createFinding(actors.ENGINEER, { title: 'Engineer raise', description: 'x', severity: 'LOW' }));
    expect(await counts()).toEqual(before);
  });

  it('runs the workflow: the owner remediates, cannot close their own, an independent verifier closes', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Access review missing', description: 'Quarterly review not done', severity: 'HIGH', auditId, ownerId: actors.ENGINEER.userId! });
    // Another engineer-like actor (the auditor) cannot remediate; the owner can.
    await deny(findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'start_remediation' }));
    await findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'start_remediation' });
    await findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'ready_for_verification' });
    await deny(findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'close' }));
    await expect(findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'reject_verification' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'close', comment: 'Verified the Q2 review record' });
    const detail = await findingQueries.getFinding(actors.ENGINEER, f.id);
    expect(detail.status).toBe('CLOSED');
    expect(detail.closedAt).not.toBeNull();
    expect(detail.history.map((h) => h.action)).toEqual(['finding.close', 'finding.ready_for_verification', 'finding.start_remediation', 'finding.created']);
    await expect(findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'close' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('never lets a compliance officer close a finding they own', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Own finding', description: 'x', severity: 'LOW', auditId, ownerId: actors.COMPLIANCE_OFFICER.userId! });
    await findings.transitionFinding(actors.COMPLIANCE_OFFICER, { id: f.id, transition: 'ready_for_verification' });
    await expect(findings.transitionFinding(actors.COMPLIANCE_OFFICER, { id: f.id, transition: 'close' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('You own this finding') });
    await deny(findings.acceptRisk(actors.COMPLIANCE_OFFICER, { id: f.id, rationale: 'Accepting my own risk', expiresAt: day(10) }));
    expect((await db.finding.findUniqueOrThrow({ where: { id: f.id } })).status).toBe('READY_FOR_VERIFICATION');
  });

  it('reopens an accepted risk when the acceptance expires', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Legacy cipher', description: 'x', severity: 'MEDIUM', auditId, ownerId: actors.ENGINEER.userId! });
    await deny(findings.acceptRisk(actors.AUDITOR, { id: f.id, rationale: 'Auditors do not accept risk', expiresAt: day(10) }));
    await findings.acceptRisk(actors.COMPLIANCE_OFFICER, { id: f.id, rationale: 'Vendor upgrade scheduled for Q3', expiresAt: day(10) });
    expect((await findingQueries.listFindings(actors.ENGINEER, { status: 'RISK_ACCEPTED' })).items.map((x) => x.id)).toContain(f.id);
    await db.finding.update({ where: { id: f.id }, data: { riskExpiresAt: new Date(Date.now() - 1000) } });
    const list = await findingQueries.listFindings(actors.ENGINEER, { status: 'OPEN' });
    expect(list.items.map((x) => x.id)).toContain(f.id);
    await findings.reopenExpiredRiskAcceptances(systemActor(orgId, 'risk-acceptance-expiry'));
    expect(await db.auditEvent.count({ where: { entityId: f.id, action: 'finding.risk_acceptance_expired' } })).toBe(1);
  });

  it('never writes in a read: an expired acceptance shows as open until the scheduled reopening writes it', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Expiring acceptance', description: 'x', severity: 'LOW', auditId, ownerId: actors.ENGINEER.userId! });
    await findings.acceptRisk(actors.COMPLIANCE_OFFICER, { id: f.id, rationale: 'Until the vendor patch', expiresAt: day(3) });
    await db.finding.update({ where: { id: f.id }, data: { riskExpiresAt: new Date(Date.now() - 1000) } });
    const events = await db.auditEvent.count();
    const listed = (await findingQueries.listFindings(actors.ENGINEER, { pageSize: 200 })).items.find((x) => x.id === f.id)!;
    expect(listed).toMatchObject({ status: 'OPEN', riskAcceptanceExpired: true });
    expect((await findingQueries.getFinding(actors.ENGINEER, f.id)).riskAcceptanceExpired).toBe(true);
    await exportFindings(actors.AUDITOR, { auditId }, 'csv');
    // Only the export's own event; the finding itself is untouched.
    expect(await db.auditEvent.count()).toBe(events + 1);
    expect((await db.finding.findUniqueOrThrow({ where: { id: f.id } })).status).toBe('RISK_ACCEPTED');
    expect(await findings.reopenExpiredRiskAcceptances(systemActor(orgId, 'risk-acceptance-expiry'))).toBe(1);
    expect(await findings.reopenExpiredRiskAcceptances(systemActor(orgId, 'risk-acceptance-expiry'))).toBe(0);
    const row = await db.finding.findUniqueOrThrow({ where: { id: f.id } });
    expect(row.status).toBe('OPEN');
    expect(await db.auditEvent.count({ where: { entityId: f.id, action: 'finding.risk_acceptance_expired', actorLabel: 'risk-acceptance-expiry' } })).toBe(1);
  });

  it('reopens an expired acceptance in a write that touches the finding, before acting on it', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Expired, then worked on', description: 'x', severity: 'LOW', auditId, ownerId: actors.ENGINEER.userId! });
    await findings.acceptRisk(actors.COMPLIANCE_OFFICER, { id: f.id, rationale: 'Short acceptance', expiresAt: day(3) });
    await db.finding.update({ where: { id: f.id }, data: { riskExpiresAt: new Date(Date.now() - 1000) } });
    await findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'start_remediation' });
    expect((await db.finding.findUniqueOrThrow({ where: { id: f.id } })).status).toBe('IN_REMEDIATION');
    const actions = (await db.auditEvent.findMany({ where: { entityId: f.id }, orderBy: { seq: 'asc' }, select: { action: true } })).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['finding.risk_acceptance_expired', 'finding.start_remediation']);
  });

  it('filters, flags overdue findings and exports the tracking table', async () => {
    const f = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Overdue one', description: 'x', severity: 'LOW', auditId, ownerId: actors.ENGINEER.userId!, requirementIds: [requirementId] });
    await db.finding.update({ where: { id: f.id }, data: { dueDate: new Date(Date.now() - 5 * 86_400_000) } });
    const overdue = await findingQueries.listFindings(actors.ENGINEER, { overdue: 'true' });
    expect(overdue.items.map((x) => x.id)).toEqual([f.id]);
    expect(overdue.items[0].overdue).toBe(true);
    const byFramework = await findingQueries.listFindings(actors.ENGINEER, { frameworkId });
    expect(byFramework.items.every((x) => x.auditId === auditId)).toBe(true);
    expect(byFramework.total).toBe(2);
    const csv = (await exportFindings(actors.AUDITOR, { auditId }, 'csv')).toString('utf8');
    expect(csv.split('\r\n')[0]).toContain('Finding ID,Title,Audit');
    expect(csv).toContain('Overdue one');
    const xlsx = await exportFindings(actors.AUDITOR, { auditId }, 'xlsx');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });

  it('lets auditors comment, owners comment on theirs, and nobody else', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Commented', description: 'x', severity: 'LOW', auditId, ownerId: actors.COMPLIANCE_OFFICER.userId! });
    await findings.addFindingComment(actors.AUDITOR, { id: f.id, body: 'Please attach the policy' });
    await deny(findings.addFindingComment(actors.ENGINEER, { id: f.id, body: 'Not my finding' }));
    expect((await findingQueries.getFinding(actors.ADMIN, f.id)).comments.map((c) => c.body)).toEqual(['Please attach the policy']);
  });
});

describe('separation of duties', () => {
  it('refuses whoever owned the finding in this remediation cycle, even after reassigning it', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Reassigned before closing', description: 'x', severity: 'LOW', auditId, ownerId: actors.COMPLIANCE_OFFICER.userId! });
    await findings.transitionFinding(actors.COMPLIANCE_OFFICER, { id: f.id, transition: 'ready_for_verification' });
    await findings.updateFinding(actors.COMPLIANCE_OFFICER, { id: f.id, ownerId: actors.ENGINEER.userId! });
    await expect(findings.transitionFinding(actors.COMPLIANCE_OFFICER, { id: f.id, transition: 'close' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('current remediation cycle') });
    await deny(findings.transitionFinding(actors.COMPLIANCE_OFFICER, { id: f.id, transition: 'reject_verification', comment: 'x' }));
    await deny(findings.acceptRisk(actors.COMPLIANCE_OFFICER, { id: f.id, rationale: 'Reassigned, then accepting', expiresAt: day(10) }));
    // The engineer owns it now and is in the cycle too.
    await deny(findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'close' }));
    expect((await db.finding.findUniqueOrThrow({ where: { id: f.id } })).status).toBe('READY_FOR_VERIFICATION');
    // Someone who never owned it closes it; a reopening starts a new cycle with the present owner only.
    await findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'close' });
    await findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'reopen', comment: 'Regressed' });
    expect((await db.finding.findUniqueOrThrow({ where: { id: f.id }, select: { cycleOwnerIds: true } })).cycleOwnerIds).toEqual([actors.ENGINEER.userId]);
    await findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'ready_for_verification' });
    await findings.transitionFinding(actors.COMPLIANCE_OFFICER, { id: f.id, transition: 'close' });
    expect((await db.finding.findUniqueOrThrow({ where: { id: f.id } })).verifiedById).toBe(actors.COMPLIANCE_OFFICER.userId);
  });

  it('makes an API token act as its creator: it never closes or accepts its creator\'s own finding', async () => {
    const token = await createToken(actors.ADMIN, { name: 'grc-bot', scopes: ['audits:read', 'audits:manage', 'findings:manage', 'findings:verify'], expiresInDays: 5 });
    const bot = (await actorForToken(token.secret, { id: 'req-bot', ip: '127.0.0.1' }))!;
    const own = await findings.createFinding(actors.AUDITOR, { title: 'Admin owns this', description: 'x', severity: 'LOW', auditId, ownerId: actors.ADMIN.userId! });
    await findings.transitionFinding(actors.ADMIN, { id: own.id, transition: 'ready_for_verification' });
    await expect(findings.transitionFinding(bot, { id: own.id, transition: 'close' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('You own this finding') });
    await deny(findings.acceptRisk(bot, { id: own.id, rationale: 'The bot accepts for me', expiresAt: day(10) }));
    expect((await db.finding.findUniqueOrThrow({ where: { id: own.id } })).status).toBe('READY_FOR_VERIFICATION');
    // On someone else's finding the token closes, recorded as its creator.
    const other = await findings.createFinding(actors.AUDITOR, { title: 'Engineer owns this', description: 'x', severity: 'LOW', auditId, ownerId: actors.ENGINEER.userId! });
    await findings.transitionFinding(actors.ENGINEER, { id: other.id, transition: 'ready_for_verification' });
    await findings.transitionFinding(bot, { id: other.id, transition: 'close' });
    expect((await db.finding.findUniqueOrThrow({ where: { id: other.id } })).verifiedById).toBe(actors.ADMIN.userId);
  });
});
