import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('incidents');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');
const rules = await import('./rules/library');

let actors: Record<Role, Actor>;
let orgId: string;
let otherEngineer: Actor;
let system: { id: string };
let otherSystem: { id: string };
let model: { id: string; key: string };

const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const counts = async () => ({
  incidents: await db.incident.count(),
  events: await db.auditEvent.count(),
  entries: await db.incidentTimelineEntry.count(),
  findings: await db.finding.count(),
  deployments: await db.deploymentEvent.count(),
});
/** A state breach law as data: personal data of a US system's users, unless the given flags hold. */
const stateLaw = (unless: string[]) => ({
  name: 'State breach law',
  jurisdiction: 'US',
  citation: 'State law',
  recipient: 'AG',
  appliesWhen: { kind: 'all', of: [{ kind: 'data', any: ['PERSONAL_DATA'] }, { kind: 'operatesIn', any: ['US'] }, ...unless.map((flag) => ({ kind: 'not', of: { kind: 'flag', flag } }))] },
  limits: [{ start: { event: 'awareness' }, within: { amount: 24, unit: 'hours' } }],
});
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles());
  ({ actors: { ENGINEER: otherEngineer } } = await createOrgWithRoles('Other'));
  otherEngineer = { ...otherEngineer, orgId };
  system = await db.aISystem.create({
    data: { orgId, name: 'Credit scoring model', purpose: 'Credit decisions', domain: 'FINANCE', regions: ['EU', 'US'], riskTier: 'HIGH', technicalOwnerId: actors.ENGINEER.userId },
    select: { id: true },
  });
  otherSystem = await db.aISystem.create({ data: { orgId, name: 'Product recommender', purpose: 'Recs', domain: 'ECOMMERCE', regions: ['EU'], riskTier: 'MINIMAL' }, select: { id: true } });
  model = await db.model.create({
    data: { orgId, systemId: system.id, key: 'credit-risk-gbm', name: 'Credit risk GBM', purpose: 'Scores', ownerId: actors.ENGINEER.userId! },
    select: { id: true, key: true },
  });
  const v1 = await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '1.0.0', stage: 'APPROVED', createdById: actors.ENGINEER.userId! }, select: { id: true } });
  const v2 = await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '1.1.0', stage: 'PRODUCTION', createdById: actors.ENGINEER.userId! }, select: { id: true } });
  await db.deploymentEvent.create({ data: { orgId, modelId: model.id, kind: 'PROMOTION', versionId: v2.id, fromVersionId: v1.id, reason: 'release' } });
});

const report = (actor: Actor, over: Record<string, unknown> = {}) =>
  m.reportIncident(actor, { title: 'Approvals skewed', description: 'Women declined more often', type: 'FAIRNESS_VIOLATION', detectedAt: hoursAgo(5), modelKeys: [model.key], protectedGroup: true, peopleAffected: 40, ...over });

describe('reporting', () => {
  it('lets everyone but auditors report; the tree sets the severity and links the system through the model', async () => {
    await deny(report(actors.AUDITOR));
    for (const role of ['ADMIN', 'COMPLIANCE_OFFICER', 'ENGINEER'] as const) {
      const inc = await report(actors[role]);
      expect(inc.severity).toBe('SEV2');
      const detail = await q.getIncident(actors.AUDITOR, inc.id);
      expect(detail.systems.map((s) => s.id)).toEqual([system.id]);
      expect(detail.models.map((x) => x.key)).toEqual(['credit-risk-gbm']);
      expect(detail.treeReasons).toContain('Protected group affected → at least SEV2');
      expect(await db.domainEvent.findMany({ where: { type: 'incident.reported', entityId: inc.id }, select: { data: true } })).toEqual([{ data: expect.objectContaining({ severity: 'SEV2', title: 'Approvals skewed' }) }]);
    }
    const events = await db.auditEvent.findMany({ where: { action: 'incident.reported', orgId }, select: { actorId: true } });
    expect(events).toHaveLength(3);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = await counts();
    await expect(report(actors.ENGINEER, { detectedAt: new Date(Date.now() + 3_600_000) })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/future/) });
    await expect(report(actors.ENGINEER, { modelKeys: ['no-such-model'] })).rejects.toMatchObject({ code: 'VALIDATION', message: 'Unknown model: no-such-model.' });
    await expect(report(actors.ENGINEER, { modelIds: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { modelIds: ['Unknown model: nope.'] } });
    await expect(report(actors.ENGINEER, { systemIds: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(report(actors.ENGINEER, { title: '' })).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it('accepts a monitoring alert from an API token with the report scope', async () => {
    const token: Actor = { ...actors.ADMIN, kind: 'token', userId: null, tokenId: 't', role: null, label: 'token:monitor', grants: { any: ['incidents:report', 'incidents:read'], own: [] } };
    const inc = await report(token, { title: 'Drift alert', type: 'DRIFT', protectedGroup: false, peopleAffected: undefined, ongoingImpact: true });
    expect(inc.severity).toBe('SEV3');
    await deny(m.updateIncident(token, inc.id, { milestone: 'acknowledged' }));
  });
});

describe('updating, by role and ownership', () => {
  it('lets owners of the system, compliance and admins update; not other engineers or auditors', async () => {
    const inc = await report(actors.COMPLIANCE_OFFICER);
    await deny(m.updateIncident(actors.AUDITOR, inc.id, { milestone: 'acknowledged' }));
    await deny(m.updateIncident(otherEngineer, inc.id, { milestone: 'acknowledged' }));
    await deny(m.addTimelineEntry(otherEngineer, { id: inc.id, at: new Date(), text: 'x' }));
    await deny(m.updateIncident(otherEngineer, inc.id, { title: 'hijacked' }));
    await m.updateIncident(actors.ENGINEER, inc.id, { title: 'Approvals skewed (confirmed)', peopleAffected: 120 });
    expect(await db.auditEvent.findFirst({ where: { action: 'incident.updated', entityId: inc.id }, select: { changes: true } })).toMatchObject({ changes: expect.stringContaining('confirmed') });
    await m.updateIncident(actors.ENGINEER, inc.id, { milestone: 'acknowledged', milestoneAt: hoursAgo(4) });
    await m.addTimelineEntry(actors.ENGINEER, { id: inc.id, at: hoursAgo(3), text: 'Paused automated declines' });
    const detail = await q.getIncident(actors.ENGINEER, inc.id);
    expect(detail).toMatchObject({ status: 'ACKNOWLEDGED', title: 'Approvals skewed (confirmed)', peopleAffected: 120 });
    expect(detail.milestones[1]).toMatchObject({ by: actors.ENGINEER.name });
    expect(detail.timeline.map((t) => t.text)).toContain('Paused automated declines');
    expect(detail.capabilities).toEqual({ update: true, manage: false, rollback: false });

    // An incident on a system the engineer does not own.
    const elsewhere = await report(actors.ADMIN, { modelKeys: [], systemIds: [otherSystem.id] });
    await deny(m.updateIncident(actors.ENGINEER, elsewhere.id, { milestone: 'acknowledged' }));
  });

  it('lets only compliance and admins override severity, with a reason', async () => {
    const inc = await report(actors.ENGINEER);
    for (const role of ['ENGINEER', 'AUDITOR'] as const) await deny(m.overrideSeverity(actors[role], inc.id, 'SEV1', 'worse'));
    await expect(m.updateIncident(actors.COMPLIANCE_OFFICER, inc.id, { severity: 'SEV1' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { severityReason: expect.any(Array) } });
    await m.overrideSeverity(actors.COMPLIANCE_OFFICER, inc.id, 'SEV1', 'Regulator interest');
    const detail = await q.getIncident(actors.AUDITOR, inc.id);
    expect(detail).toMatchObject({ severity: 'SEV1', treeSeverity: 'SEV2', severityOverrideReason: 'Regulator interest' });
    const ev = await db.auditEvent.findFirstOrThrow({ where: { action: 'incident.severity_overridden', entityId: inc.id }, select: { reason: true } });
    expect(ev.reason).toBe('Regulator interest');
  });

  it('refuses a contained time before detection, times in the future, and going backwards; nothing is written', async () => {
    const inc = await report(actors.ENGINEER, { detectedAt: hoursAgo(2) });
    const before = await counts();
    await expect(m.updateIncident(actors.ENGINEER, inc.id, { milestone: 'contained', milestoneAt: hoursAgo(3) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/cannot be before the incident was detected/),
    });
    await expect(m.updateIncident(actors.ENGINEER, inc.id, { title: 'changed', milestone: 'contained', milestoneAt: new Date(Date.now() + 7_200_000) })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await counts()).toEqual(before);
    expect((await q.getIncident(actors.ENGINEER, inc.id)).title).toBe('Approvals skewed');
    await m.updateIncident(actors.ENGINEER, inc.id, { milestone: 'contained', milestoneAt: hoursAgo(1) });
    await expect(m.updateIncident(actors.ENGINEER, inc.id, { milestone: 'acknowledged' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Containing filled the skipped acknowledgement with the same time.
    const detail = await q.getIncident(actors.ENGINEER, inc.id);
    expect(detail.milestones[1].at).toBe(detail.milestones[2].at);
  });

  it('requires a postmortem before closing a SEV1/SEV2 and lets only compliance and admins close', async () => {
    const inc = await report(actors.ENGINEER, { detectedAt: hoursAgo(10) });
    await m.updateIncident(actors.ENGINEER, inc.id, { milestone: 'resolved', milestoneAt: hoursAgo(1) });
    await deny(m.updateIncident(actors.ENGINEER, inc.id, { milestone: 'closed' }));
    const before = await counts();
    await expect(m.updateIncident(actors.COMPLIANCE_OFFICER, inc.id, { milestone: 'closed' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'A postmortem is required before closing a SEV2 incident. Write it first.',
    });
    expect(await counts()).toEqual(before);
    await deny(m.savePostmortem(otherEngineer, { id: inc.id, summary: 's', impact: 'i', rootCause: 'r', wentWell: 'w', wentPoorly: 'p', correctiveActions: 'c', lessons: 'l' }));
    await m.savePostmortem(actors.ENGINEER, { id: inc.id, summary: 's', impact: 'i', rootCause: 'r', wentWell: 'w', wentPoorly: 'p', correctiveActions: 'c', lessons: 'l' });
    await m.updateIncident(actors.COMPLIANCE_OFFICER, inc.id, { milestone: 'closed' });
    expect((await q.getIncident(actors.AUDITOR, inc.id)).status).toBe('CLOSED');
  });
});

describe('rollback, findings and corrective actions', () => {
  it('rolls the linked model back through the registry, links the deployment and records the time to rollback', async () => {
    const inc = await report(actors.ENGINEER, { detectedAt: hoursAgo(2) });
    await deny(m.rollbackFromIncident(actors.ENGINEER, { id: inc.id, modelId: model.id, reason: 'bias' }));
    await deny(m.rollbackFromIncident(actors.AUDITOR, { id: inc.id, modelId: model.id, reason: 'bias' }));
    const before = await counts();
    await expect(m.rollbackFromIncident(actors.COMPLIANCE_OFFICER, { id: inc.id, modelId: 'nope', reason: 'bias' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Unknown model/) });
    expect(await counts()).toEqual(before);
    const out = await m.rollbackFromIncident(actors.COMPLIANCE_OFFICER, { id: inc.id, modelId: model.id, reason: 'Disparate impact' });
    expect(out).toMatchObject({ from: { label: '1.1.0' }, to: { label: '1.0.0' } });
    const detail = await q.getIncident(actors.AUDITOR, inc.id);
    expect(detail.minutesToRollback).toBeGreaterThanOrEqual(119);
    expect(detail.minutesToRollback).toBeLessThanOrEqual(121);
    expect(detail.deployments).toEqual([expect.objectContaining({ kind: 'ROLLBACK', model: 'credit-risk-gbm', from: '1.1.0', to: '1.0.0' })]);
    expect(detail.models[0].production).toBe('1.0.0');
  });

  it('raises findings from an incident through the findings domain: source INCIDENT, finding.created, default due date', async () => {
    const inc = await report(actors.ENGINEER);
    const finding = await m.createFindingFromIncident(actors.ENGINEER, { id: inc.id, title: 'Drift alert ignored', description: 'd', severity: 'CRITICAL', ownerId: actors.ENGINEER.userId! });
    const row = await db.finding.findUniqueOrThrow({ where: { id: finding.id }, select: { source: true, incidentId: true, dueDate: true } });
    expect(row.source).toBe('INCIDENT');
    expect(row.incidentId).toBe(inc.id);
    // The default for a critical finding: 30 days from today (UTC).
    const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
    expect(row.dueDate?.toISOString().slice(0, 10)).toBe(new Date(today + 30 * 86_400_000).toISOString().slice(0, 10));
    const events = await db.auditEvent.findMany({ where: { entityId: finding.id }, select: { action: true, changes: true } });
    expect(events.map((e) => e.action)).toEqual(['finding.created']);
    expect(JSON.stringify(events[0].changes)).toContain('INCIDENT');
  });

  it('creates findings linked both ways, and tracks corrective actions to done', async () => {
    const inc = await report(actors.ENGINEER);
    const due = new Date(Date.now() + 14 * 86_400_000);
    await deny(m.createFindingFromIncident(actors.AUDITOR, { id: inc.id, title: 'F', description: 'd', severity: 'HIGH', ownerId: actors.ENGINEER.userId!, dueDate: due }));
    const finding = await m.createFindingFromIncident(actors.ENGINEER, { id: inc.id, title: 'No fairness gate', description: 'd', severity: 'HIGH', ownerId: actors.ENGINEER.userId!, dueDate: due });
    const row = await db.finding.findUniqueOrThrow({ where: { id: finding.id }, select: { incidentId: true, status: true, ownerId: true, dueDate: true } });
    expect(row).toMatchObject({ incidentId: inc.id, status: 'OPEN', ownerId: actors.ENGINEER.userId });
    expect((await q.getIncident(actors.AUDITOR, inc.id)).findings.map((f) => f.id)).toEqual([finding.id]);
    expect(await db.auditEvent.count({ where: { action: 'finding.created', entityId: finding.id } })).toBe(1);

    const action = await m.addCorrectiveAction(actors.ENGINEER, { id: inc.id, title: 'Add fairness gate', ownerId: actors.ENGINEER.userId!, dueDate: due });
    await deny(m.completeCorrectiveAction(actors.AUDITOR, action.id));
    await m.completeCorrectiveAction(actors.ENGINEER, action.id);
    expect((await q.getIncident(actors.AUDITOR, inc.id)).actions[0]).toMatchObject({ status: 'DONE', overdue: false });
  });
});

describe('deadlines, notifications and patterns', () => {
  it('publishes incident.deadline_approaching once per threshold crossed, from the threshold job', async () => {
    const inc = await report(actors.ENGINEER, { title: 'Leaked scores', type: 'DATA_BREACH', personalData: true, protectedGroup: false, detectedAt: hoursAgo(60) });
    const { recordNotificationThresholds } = await import('./record-notification-thresholds');
    const { systemActor } = await import('@/lib/auth/actor');
    const job = systemActor(orgId, 'job:incidents.record-notification-thresholds');
    await recordNotificationThresholds(job, new Date());
    await recordNotificationThresholds(job, new Date());
    const events = await db.domainEvent.findMany({ where: { type: 'incident.deadline_approaching', entityId: inc.id }, orderBy: { occurredAt: 'asc' }, select: { data: true, actorLabel: true } });
    expect(events.map((e) => (e.data as { threshold: number }).threshold)).toEqual([50, 80]);
    expect(events[1]).toMatchObject({ actorLabel: 'job:incidents.record-notification-thresholds', data: { ruleKey: 'gdpr-art-33', title: expect.stringContaining('Leaked scores') } });
  });

  it('starts the GDPR clock for a personal-data breach and records the notification', async () => {
    const inc = await report(actors.ENGINEER, { type: 'DATA_BREACH', personalData: true, protectedGroup: false, detectedAt: hoursAgo(10) });
    const detail = await q.getIncident(actors.AUDITOR, inc.id);
    expect(detail.obligations.map((d) => [d.ruleKey, d.state])).toEqual([['gdpr-art-33', 'running']]);
    await deny(m.recordNotification(actors.ENGINEER, { id: inc.id, ruleKey: 'gdpr-art-33', notifiedAt: new Date(), recipient: 'DPA', reference: 'R1' }));
    await expect(m.recordNotification(actors.COMPLIANCE_OFFICER, { id: inc.id, ruleKey: 'nope', notifiedAt: new Date(), recipient: 'DPA', reference: 'R1' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await m.recordNotification(actors.COMPLIANCE_OFFICER, { id: inc.id, ruleKey: 'gdpr-art-33', notifiedAt: hoursAgo(1), recipient: 'Data protection authority', reference: 'DPA-2026-1' });
    const after = await q.getIncident(actors.AUDITOR, inc.id);
    expect(after.obligations[0]).toMatchObject({ state: 'met', notification: { reference: 'DPA-2026-1' } });
  });

  it('lets admins change response targets and rules (others cannot), and the clocks follow', async () => {
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] as const) {
      await deny(m.saveResponseTarget(actors[role], { severity: 'SEV3', ackMinutes: 5, containMinutes: 10, resolveMinutes: 20 }));
      await deny(rules.saveNotificationRule(actors[role], { key: 'x-law', definition: stateLaw(['nonsense']), active: true }));
    }
    await expect(m.saveResponseTarget(actors.ADMIN, { severity: 'SEV3', ackMinutes: 50, containMinutes: 10, resolveMinutes: 20 })).rejects.toThrow(/Acknowledge ≤ contain ≤ resolve/);
    await m.saveResponseTarget(actors.ADMIN, { severity: 'SEV3', ackMinutes: 5, containMinutes: 10, resolveMinutes: 20 });
    const inc = await report(actors.ENGINEER, { protectedGroup: false, peopleAffected: 3, detectedAt: hoursAgo(1) });
    const detail = await q.getIncident(actors.ENGINEER, inc.id);
    expect(detail.severity).toBe('SEV3');
    expect(detail.clocks.map((c) => c.state)).toEqual(['overdue', 'overdue', 'overdue']);
    const listed = (await q.listIncidents(actors.ENGINEER, { severity: 'SEV3' })).items.find((i) => i.id === inc.id)!;
    expect(listed.overdue).toEqual(['Acknowledge', 'Contain', 'Resolve']);

    await expect(rules.saveNotificationRule(actors.ADMIN, { key: 'state-law', definition: stateLaw(['nonsense']), active: true })).rejects.toMatchObject({ code: 'VALIDATION' });
    await rules.saveNotificationRule(actors.ADMIN, { key: 'state-law', definition: stateLaw(['dataEncrypted']), active: true });
    const ruleKeys = (await q.listNotificationRules(actors.AUDITOR)).rules.map((r) => r.key);
    expect(ruleKeys).toContain('state-law');
    expect(ruleKeys).toContain('gdpr-art-33');
  });

  it('filters by type, severity, system and quarter, and aggregates MTTA/MTTR with near misses', async () => {
    await report(actors.ENGINEER, { title: 'Near miss', type: 'ADVERSARIAL_ATTACK', nearMiss: true, protectedGroup: false, systemIds: [otherSystem.id], modelKeys: [] });
    const fairness = await q.listIncidents(actors.AUDITOR, { type: 'FAIRNESS_VIOLATION', severity: 'SEV2', systemId: system.id });
    expect(fairness.total).toBeGreaterThan(0);
    expect(fairness.items.every((i) => i.type === 'FAIRNESS_VIOLATION' && i.severity === 'SEV2')).toBe(true);
    const other = await q.listIncidents(actors.AUDITOR, { systemId: otherSystem.id, nearMiss: 'yes' });
    expect(other.items.map((i) => i.title)).toEqual(['Near miss']);
    expect((await q.listIncidents(actors.AUDITOR, { quarter: '2001-Q1' })).total).toBe(0);

    const patterns = await q.incidentPatterns(actors.AUDITOR);
    expect(patterns.nearMisses).toBe(1);
    const sev2 = patterns.bySeverity.find((p) => p.severity === 'SEV2')!;
    expect(sev2.mttaMinutes).toBeGreaterThan(0);
    expect(sev2.mttrMinutes).toBeGreaterThan(0);
    const all = await db.incident.count({ where: { orgId } });
    expect(patterns.incidents + patterns.nearMisses).toBe(all);
    expect((await q.incidentPatterns(actors.AUDITOR, { systemId: otherSystem.id })).nearMisses).toBe(1);
  });

  it('keeps response plans versioned and flags plans untested for 12 months; exercises mark them tested', async () => {
    await deny(m.saveResponsePlan(actors.ENGINEER, { title: 'P', content: 'c' }));
    await m.saveResponsePlan(actors.COMPLIANCE_OFFICER, { title: 'Org plan', content: 'v1', lastTestedAt: new Date(Date.now() - 400 * 86_400_000) });
    const v2 = await m.saveResponsePlan(actors.COMPLIANCE_OFFICER, { title: 'Org plan', content: 'v2' });
    let plans = await q.listResponsePlans(actors.AUDITOR);
    expect(plans[0]).toMatchObject({ version: 2, versions: 2, stale: true, content: 'v2' });
    expect(plans[0].history.map((h) => h.version)).toEqual([1]);
    await deny(m.recordExercise(actors.AUDITOR, { kind: 'TABLETOP', heldAt: new Date(), scenario: 's', participants: 'p', outcome: 'o' }));
    await expect(m.recordExercise(actors.ADMIN, { kind: 'ROLLBACK_DRILL', heldAt: new Date(), scenario: 's', participants: 'p', outcome: 'o' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await m.recordExercise(actors.ADMIN, { kind: 'TABLETOP', heldAt: hoursAgo(1), scenario: 'Data leak', participants: 'Team', outcome: 'Good', planId: v2.id });
    plans = await q.listResponsePlans(actors.AUDITOR);
    expect(plans[0].stale).toBe(false);
    expect((await q.listExercises(actors.ENGINEER))[0]).toMatchObject({ kind: 'TABLETOP', scenario: 'Data leak' });
  });
});
