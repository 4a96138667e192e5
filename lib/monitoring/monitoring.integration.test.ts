import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('monitoring');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');
const { createToken } = await import('@/lib/tokens/mutations');
const { POST: postWindows } = await import('@/app/api/v1/monitoring/monitors/[id]/windows/route');
const { POST: postRows } = await import('@/app/api/v1/monitoring/monitors/[id]/rows/route');
const { NextRequest } = await import('next/server');

let actors: Record<Role, Actor>;
let orgId: string;
let monitorId: string;
let versionId: string;
const H = 3_600_000;
const t0 = Date.now() - 40 * 24 * H;

const window = (i: number, over: { young?: number; labelled?: number; amount?: number[] } = {}) => ({
  windowId: `w-${i}`,
  start: new Date(t0 + i * 24 * H).toISOString(),
  end: new Date(t0 + (i + 1) * 24 * H).toISOString(),
  rowCount: 1000,
  labelledCount: over.labelled ?? 1000,
  metrics: [
    { name: 'accuracy', value: 0.9 },
    { name: 'accuracy', attribute: 'age', group: '<25', value: over.young ?? 0.9, count: 200 },
    { name: 'accuracy', attribute: 'age', group: '25-60', value: 0.9, count: 700 },
    { name: 'accuracy', attribute: 'age', group: '>60', value: 0, count: 0 },
  ],
  features: { amount: { counts: over.amount ?? [250, 250, 250, 250] } },
});

const counts = async () => ({
  windows: await db.monitorWindow.count(),
  values: await db.monitorMetricValue.count(),
  alerts: await db.monitorAlert.count(),
  incidents: await db.incident.count(),
});

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles());
  const system = await db.aISystem.create({ data: { orgId, name: 'Credit scoring', purpose: 'Credit', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH', businessOwnerId: actors.COMPLIANCE_OFFICER.userId }, select: { id: true } });
  const model = await db.model.create({ data: { orgId, systemId: system.id, key: 'credit', name: 'Credit PD', purpose: 'PD', ownerId: actors.ENGINEER.userId! }, select: { id: true } });
  const v = await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '3.0.0', stage: 'PRODUCTION', createdById: actors.ENGINEER.userId!, metrics: { create: [{ name: 'accuracy', value: 0.91, threshold: 0.8 }] }, groupResults: { create: [{ attribute: 'age', groupValue: '<25', count: 100 }] } }, select: { id: true } });
  versionId = v.id;
  const created = await m.createMonitor(actors.ENGINEER, {
    versionId,
    features: [{ name: 'amount', kind: 'NUMERIC', reference: { edges: [0, 1, 2, 3, 4], counts: [2500, 2500, 2500, 2500] } }],
  });
  monitorId = created.id;
});

describe('configuring a monitor', () => {
  it('takes the documented thresholds overall and per group, fairness thresholds per group, and Evidently\'s default method', async () => {
    const specs = await db.monitorMetric.findMany({ where: { monitorId }, orderBy: [{ name: 'asc' }, { attribute: 'asc' }], select: { name: true, attribute: true, threshold: true, baseline: true, fairness: true } });
    expect(specs).toEqual([
      { name: 'accuracy', attribute: '', threshold: 0.8, baseline: 0.91, fairness: false },
      { name: 'accuracy', attribute: 'age', threshold: 0.8, baseline: null, fairness: true },
      { name: 'disparate_impact', attribute: 'age', threshold: 0.8, baseline: null, fairness: true },
      { name: 'parity_difference', attribute: 'age', threshold: 0.1, baseline: null, fairness: true },
    ]);
    expect(await db.monitorFeature.findFirst({ where: { monitorId }, select: { method: true, threshold: true } })).toEqual({ method: 'WASSERSTEIN', threshold: 0.1 });
  });

  it('refuses engineers on models they do not own and auditors', async () => {
    const other = await createOrgWithRoles('Other');
    await expect(m.ingestWindows({ ...other.actors.ENGINEER, orgId }, monitorId, [window(0)])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(m.ingestWindows(actors.AUDITOR, monitorId, [window(0)])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('ingestion through the API with a token', () => {
  const call = (secret: string, body: unknown) =>
    postWindows(new NextRequest(`http://portal.test/api/v1/monitoring/monitors/${monitorId}/windows`, { method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', host: 'portal.test' } }), { params: Promise.resolve({ id: monitorId }) });

  it('refuses a token without monitoring:write and accepts one with it', async () => {
    const readOnly = await createToken(actors.ADMIN, { name: 'reader', scopes: ['monitoring:read'], expiresInDays: 30 });
    const before = await counts();
    const refused = await call(readOnly.secret, { windows: [window(0)] });
    expect(refused.status).toBe(403);
    expect(await counts()).toEqual(before);
    const writer = await createToken(actors.ADMIN, { name: 'pipeline', scopes: ['monitoring:write'], expiresInDays: 30 });
    const ok = await call(writer.secret, { windows: [window(0), window(1)] });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
  });

  it('takes 50,000 raw rows in one request, past the API\'s default 2 MB, and refuses a body over 24 MB with 413, storing nothing', async () => {
    const writer = await createToken(actors.ADMIN, { name: 'raw rows', scopes: ['monitoring:write'], expiresInDays: 30 });
    const post = (body: string) =>
      postRows(new NextRequest(`http://portal.test/api/v1/monitoring/monitors/${monitorId}/rows`, { method: 'POST', body, headers: { authorization: `Bearer ${writer.secret}`, 'content-type': 'application/json', host: 'portal.test' } }), { params: Promise.resolve({ id: monitorId }) });
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ y_true: i % 2, y_pred: i % 2, score: 0.25 + (i % 2) / 2, group: i % 3 ? '25-60' : '<25', features: { amount: (i % 4) + 0.5 } }));
    // Before the monitor's other windows, so the latest window (and the status light) is theirs.
    const body = JSON.stringify({ windowId: 'raw-large', start: new Date(t0 - 5 * 24 * H).toISOString(), end: new Date(t0 - 4 * 24 * H).toISOString(), rows });
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024);
    const ok = await post(body);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toMatchObject({ created: 1 });
    const total = await db.monitorMetricValue.findFirstOrThrow({ where: { window: { monitorId, externalId: 'raw-large' }, metric: 'accuracy', groupValue: '' }, select: { value: true, count: true } });
    expect(total).toEqual({ value: 1, count: 50_000 });
    const before = await counts();
    const huge = await post(`{"windowId":"raw-huge","rows":[${'0,'.repeat(12_600_000)}0]}`);
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.message).toContain('24 MB');
    expect(await counts()).toEqual(before);
  });

  it('is idempotent by window id: the same re-send stores nothing new', async () => {
    const before = await counts();
    const again = await m.ingestWindows(actors.ENGINEER, monitorId, [window(0), window(1)]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual(before);
  });

  it('lets late labels update an earlier window', async () => {
    await m.ingestWindows(actors.ENGINEER, monitorId, [window(2, { labelled: 0 })]);
    const late = await m.ingestWindows(actors.ENGINEER, monitorId, [window(2, { labelled: 950 })]);
    expect(late).toMatchObject({ created: 0, updated: 1 });
    const w = await db.monitorWindow.findFirstOrThrow({ where: { monitorId, externalId: 'w-2' }, select: { labelledCount: true, revision: true } });
    expect(w).toEqual({ labelledCount: 950, revision: 2 });
    expect(await db.monitorMetricValue.count({ where: { window: { monitorId, externalId: 'w-2' } } })).toBeGreaterThan(0);
  });

  it('lists every bad window and row and stores nothing', async () => {
    const before = await counts();
    const bad = [window(3), { ...window(4), end: 'yesterday' }, { ...window(5), features: { amount: { counts: [1, 2] } } }, { ...window(6), metrics: [{ name: 'accuracy', attribute: 'sex', group: 'f', value: 0.5 }] }];
    const error = await m.ingestWindows(actors.ENGINEER, monitorId, bad).catch((e) => e);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    const invalid = (error.details as { invalid: { row: number; ref: string; reason: string }[] }).invalid;
    expect(invalid.map((r) => [r.row, r.ref])).toEqual([[2, 'w-4'], [3, 'w-5'], [4, 'w-6']]);
    expect(invalid[1].reason).toContain('the reference has 4 bins');
    const rows = await m.ingestRows(actors.ENGINEER, monitorId, { windowId: 'raw-1', start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString(), rows: [{ y_pred: 1, y_true: 1 }, { y_pred: 2 }, { y_pred: 0, score: 3 }, { y_pred: 1, group: { sex: 'f' } }] }).catch((e) => e);
    expect((rows.details as { invalid: { row: number }[] }).invalid.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(await counts()).toEqual(before);
  });

  it('aggregates raw rows per group and skips groups with no data', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ y_true: i % 2, y_pred: i % 4 === 0 ? 1 - (i % 2) : i % 2, score: (i % 10) / 10, group: i % 2 ? '<25' : '25-60', features: { amount: (i % 4) + 0.5 } }));
    const r = await m.ingestRows(actors.ENGINEER, monitorId, { windowId: 'raw-2', start: new Date(t0 + 3 * 24 * H).toISOString(), end: new Date(t0 + 3 * 24 * H + H).toISOString(), rows });
    expect(r.created).toBe(1);
    const acc = await db.monitorMetricValue.findMany({ where: { window: { externalId: 'raw-2' }, metric: 'accuracy' }, orderBy: { groupValue: 'asc' }, select: { groupValue: true, value: true, count: true } });
    expect(acc).toEqual([
      { groupValue: '', value: 0.75, count: 400 },
      { groupValue: '25-60', value: 0.5, count: 200 },
      { groupValue: '<25', value: 1, count: 200 },
    ]);
  });
});

describe('alerts', () => {
  it('warns inside the 80 % band, then a fairness breach for a protected group opens one incident, once', async () => {
    const before = await db.incident.count();
    await m.ingestWindows(actors.ENGINEER, monitorId, [window(10, { young: 0.83 })]);
    const warning = await db.monitorAlert.findFirstOrThrow({ where: { monitorId, subject: 'accuracy', groupValue: '<25' }, select: { id: true, level: true, incidentId: true } });
    expect(warning).toMatchObject({ level: 'WARNING', incidentId: null });
    await m.ingestWindows(actors.ENGINEER, monitorId, [window(11, { young: 0.7 })]);
    await m.ingestWindows(actors.ENGINEER, monitorId, [window(12, { young: 0.65 }), window(11, { young: 0.69 })]);
    const breach = await db.monitorAlert.findUniqueOrThrow({ where: { id: warning.id }, select: { level: true, incidentId: true } });
    expect(breach.level).toBe('BREACH');
    expect(await db.incident.count()).toBe(before + 1);
    const incident = await db.incident.findUniqueOrThrow({ where: { id: breach.incidentId! }, select: { type: true, protectedGroup: true, severity: true, versions: { select: { id: true } }, description: true } });
    expect(incident).toMatchObject({ type: 'FAIRNESS_VIOLATION', protectedGroup: true, versions: [{ id: versionId }] });
    expect(['SEV1', 'SEV2']).toContain(incident.severity);
    expect(incident.description).toContain(warning.id);
    // The >60 group sent count 0: no data, no alert.
    expect(await db.monitorAlert.count({ where: { monitorId, groupValue: '>60' } })).toBe(0);
    const overview = await q.listMonitors(actors.AUDITOR);
    expect(overview.monitors[0].health).toBe('BREACH');
    expect(overview.monitors[0].worst).toMatchObject({ metric: 'accuracy', attribute: 'age', group: '<25', value: 0.65 });
  });

  it('raises drift per feature', async () => {
    await m.ingestWindows(actors.ENGINEER, monitorId, [window(13, { amount: [100, 100, 100, 700] })]);
    const drift = await db.monitorAlert.findFirstOrThrow({ where: { monitorId, kind: 'DRIFT', subject: 'amount' }, select: { level: true } });
    expect(drift.level).toBe('BREACH');
  });

  it('keeps the status light at breach while a breach alert is open, even after a healthy window', async () => {
    const health = async () => (await db.monitor.findUniqueOrThrow({ where: { id: monitorId }, select: { health: true } })).health;
    await m.ingestWindows(actors.ENGINEER, monitorId, [window(13.5)]);
    expect(await db.monitorWindow.findFirstOrThrow({ where: { monitorId, externalId: 'w-13.5' }, select: { health: true } })).toEqual({ health: 'OK' });
    expect(await health()).toBe('BREACH');
    expect((await q.listMonitors(actors.AUDITOR)).monitors[0].health).toBe('BREACH');
  });

  it('escalates a breach left unacknowledged for 3 days, once, and lets the owner acknowledge and resolve', async () => {
    const job = { ...actors.ADMIN, kind: 'system' as const };
    expect(await m.escalateBreaches(job, new Date(Date.now() + 2 * 24 * H))).toBe(0);
    const escalated = await m.escalateBreaches(job, new Date(Date.now() + 3 * 24 * H + H));
    expect(escalated).toBeGreaterThanOrEqual(1);
    expect(await m.escalateBreaches(job, new Date(Date.now() + 4 * 24 * H))).toBe(0);
    const note = await db.notification.findFirst({ where: { kind: 'monitoring.escalation', userId: actors.COMPLIANCE_OFFICER.userId! }, select: { id: true } });
    expect(note).not.toBeNull();
    const alert = await db.monitorAlert.findFirstOrThrow({ where: { monitorId, subject: 'accuracy', groupValue: '<25' }, select: { id: true } });
    await expect(m.actOnAlert(actors.AUDITOR, alert.id, { action: 'acknowledge', note: 'seen' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await m.actOnAlert(actors.ENGINEER, alert.id, { action: 'acknowledge', note: 'Looking into the under-25 segment' });
    await expect(m.actOnAlert(actors.ENGINEER, alert.id, { action: 'acknowledge', note: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await m.actOnAlert(actors.ENGINEER, alert.id, { action: 'resolve', note: 'Rolled back' });
    expect(await db.monitorAlert.findUniqueOrThrow({ where: { id: alert.id }, select: { status: true, openKey: true, acknowledgeNote: true } })).toEqual({ status: 'RESOLVED', openKey: null, acknowledgeNote: 'Looking into the under-25 segment' });
  });

  it('lists the open alerts on an owner\'s models for their home page, and none to whoever owns nothing', async () => {
    const mine = await q.myOpenAlerts(actors.ENGINEER);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.status !== 'RESOLVED' && a.versionId === versionId)).toBe(true);
    expect(await q.myOpenAlerts(actors.AUDITOR)).toEqual([]);
  });

  it('shows the latest window once every alert is resolved, then missing data after 26 hours without a window, until data arrives', async () => {
    const health = async () => (await db.monitor.findUniqueOrThrow({ where: { id: monitorId }, select: { health: true } })).health;
    // The drift breach is still open: the light stays red until it is resolved.
    expect(await health()).toBe('BREACH');
    const open = await db.monitorAlert.findMany({ where: { monitorId, status: { not: 'RESOLVED' } }, select: { id: true } });
    expect(open.length).toBeGreaterThan(0);
    for (const a of open) await m.actOnAlert(actors.ENGINEER, a.id, { action: 'resolve', note: 'Reference data refreshed' });
    expect(await health()).toBe('OK');
    const last = await db.monitor.findUniqueOrThrow({ where: { id: monitorId }, select: { lastWindowEnd: true } });
    const job = { ...actors.ADMIN, kind: 'system' as const };
    expect(await m.recordMissingData(job, new Date(last.lastWindowEnd!.getTime() + 25 * H))).toBe(0);
    expect(await m.recordMissingData(job, new Date(last.lastWindowEnd!.getTime() + 27 * H))).toBe(1);
    expect(await m.recordMissingData(job, new Date(last.lastWindowEnd!.getTime() + 30 * H))).toBe(0);
    expect((await db.monitor.findUniqueOrThrow({ where: { id: monitorId }, select: { health: true } })).health).toBe('MISSING');
    await m.ingestWindows(actors.ENGINEER, monitorId, [window(14)]);
    expect(await db.monitorAlert.findFirstOrThrow({ where: { monitorId, kind: 'MISSING_DATA' }, select: { status: true } })).toEqual({ status: 'RESOLVED' });
    expect(await health()).toBe('OK');
  });

  it('shows the version page to an auditor without write capabilities', async () => {
    const page = await q.getVersionMonitoring(actors.AUDITOR, versionId);
    expect(page.capabilities.write).toBe(false);
    const series = page.series.find((s) => s.name === 'accuracy' && s.attribute === 'age')!;
    expect(series.groups).toEqual(['25-60', '<25', '>60']);
    expect(series.warningAt).toBeCloseTo(0.84, 10);
    expect(page.drift.cells.some((c) => c.feature === 'amount' && c.level === 'BREACH')).toBe(true);
  });
});

describe('what the screens read and write', () => {
  it('pages the overview and offers configuration to owners and compliance, not auditors', async () => {
    const list = await q.listMonitors(actors.ENGINEER, { page: 1 });
    expect(list).toMatchObject({ total: 1, page: 1, pageSize: 25, capabilities: { configure: true } });
    expect((await q.listMonitors(actors.AUDITOR)).capabilities.configure).toBe(false);
    // An owner's right on nothing owned: the privacy officer owns no model here, so no form.
    expect((await q.listMonitors(actors.PRIVACY_OFFICER)).capabilities.configure).toBe(false);
    expect((await q.listMonitors(actors.ENGINEER, { page: 2 })).monitors).toEqual([]);
  });

  it('gives a feature\'s reference and latest distribution as shares', async () => {
    const f = await q.getFeatureDrift(actors.AUDITOR, versionId, 'amount');
    expect(f.bins.map((b) => b.reference)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(f.bins[0]).toMatchObject({ label: '0 – 1', current: 0.25 });
    await expect(q.getFeatureDrift(actors.AUDITOR, versionId, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets the owner change the settings and a metric\'s warning ratio; others change nothing', async () => {
    const input = { id: versionId, cadenceHours: 24, missingAfterHours: 30, escalateAfterDays: 2, reviewer: 'Model owner weekly', reviewCadence: 'Weekly', metric: 'accuracy|', warningRatio: 0.5 };
    const other = await createOrgWithRoles('Other owner');
    await expect(m.updateMonitor({ ...other.actors.ENGINEER, orgId }, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(m.updateMonitor(actors.AUDITOR, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.monitor.findUniqueOrThrow({ where: { id: monitorId }, select: { missingAfterHours: true } })).toEqual({ missingAfterHours: 26 });
    await expect(m.updateMonitor(actors.ENGINEER, { ...input, metric: 'recall|' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await m.updateMonitor(actors.ENGINEER, input);
    const page = await q.getVersionMonitoring(actors.AUDITOR, versionId);
    expect(page).toMatchObject({ missingAfterHours: 30, escalateAfterDays: 2, reviewer: 'Model owner weekly' });
    // ≥ 0.8 with ratio 0.5: halfway from 1 to 0.8.
    expect(page.series.find((s) => s.name === 'accuracy' && !s.attribute)!.warningAt).toBeCloseTo(0.9, 10);
  });

  it('exports the post-market monitoring plan as a PDF and records its hash', async () => {
    const { exportMonitoringPlan } = await import('@/lib/reports/queries');
    const file = await exportMonitoringPlan(actors.AUDITOR, versionId, { format: 'pdf', locale: 'en-GB', tz: 'UTC' });
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.fileName).toMatch(/monitoring.plan/i);
    expect(await db.auditEvent.count({ where: { action: 'report.monitoring_plan.exported', entityId: versionId } })).toBe(1);
    const plan = await q.getMonitoringPlan(actors.AUDITOR, versionId);
    expect(plan.requirements.map((r) => r.ref)).toEqual(expect.arrayContaining(['Art. 72', 'MANAGE 4.1']));
  });
});

describe('governance links', () => {
  it('gives the quarterly review the period\'s alerts and the versions in breach', async () => {
    const { computeFigures } = await import('@/lib/reviews/figures');
    const { figureRows } = await import('@/lib/reviews/figure-rows');
    const inside = await computeFigures(orgId, { start: new Date(t0 - 24 * H), end: new Date(Date.now() + 24 * H) });
    expect(inside.monitoring!.alertsInPeriod.breach).toBeGreaterThanOrEqual(1);
    expect(inside.monitoring!.alertsInPeriod.missingData).toBe(1);
    expect(inside.monitoring!.versionsInBreach).toEqual([{ versionId, model: 'Credit PD', version: '3.0.0' }]);
    expect(figureRows(inside).find((r) => r.name === 'Model versions in breach in the quarter')?.value).toBe(1);
    const before = await computeFigures(orgId, { start: new Date(t0 - 400 * 24 * H), end: new Date(t0 - 300 * 24 * H) });
    expect(before.monitoring).toEqual({ alertsInPeriod: { breach: 0, warning: 0, missingData: 0 }, versionsInBreach: [] });
    expect((await q.monitoringInQuarter(actors.AUDITOR, new Date(t0 - 24 * H), new Date(Date.now() + 24 * H))).versionsInBreach).toHaveLength(1);
  });

  it('shows "monitoring in place" as evidence on the requirements a monitoring plan is mapped to, and only there', async () => {
    const rq = await import('@/lib/requirements/queries');
    const system = await db.model.findFirstOrThrow({ where: { orgId, key: 'credit' }, select: { systemId: true } });
    const framework = await db.framework.create({ data: { orgId, key: 'eu-ai-act', name: 'EU AI Act', kind: 'REGULATION', jurisdiction: 'EU', version: '2024/1689' }, select: { id: true } });
    const [art72, art10] = await Promise.all(
      ['Art. 72', 'Art. 10'].map((ref, position) => db.requirement.create({ data: { orgId, frameworkId: framework.id, ref, title: ref, summary: ref, area: 'GOVERNANCE', position }, select: { id: true } })),
    );
    const matrix = await rq.matrixWindow(actors.AUDITOR, { framework: 'eu-ai-act' });
    const col = matrix.systems.findIndex((s) => s.id === system.systemId);
    const cell = (id: string) => matrix.rows.find((r) => r.id === id)!.cells[col];
    expect(cell(art72.id).monitoring).toEqual({ href: `/monitoring/${versionId}/plan`, label: 'Monitoring in place: Credit PD 3.0.0' });
    expect(cell(art72.id).status).toBe('NOT_ASSESSED');
    expect(cell(art10.id).monitoring).toBeUndefined();
    expect((await rq.getCell(actors.AUDITOR, art72.id, system.systemId)).monitoring).toMatchObject({ href: `/monitoring/${versionId}/plan` });
    expect((await rq.getCell(actors.AUDITOR, art10.id, system.systemId)).monitoring).toBeNull();
  });
});

describe('an engineer\'s pipeline token', () => {
  const post = (id: string, secret: string, body: unknown) =>
    postWindows(new NextRequest(`http://portal.test/api/v1/monitoring/monitors/${id}/windows`, { method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', host: 'portal.test' } }), { params: Promise.resolve({ id }) });
  let othersVersionId: string;

  beforeAll(async () => {
    // A model owned by someone else (the compliance officer), monitored too.
    const system = await db.model.findFirstOrThrow({ where: { orgId, key: 'credit' }, select: { systemId: true } });
    const model = await db.model.create({ data: { orgId, systemId: system.systemId, key: 'fraud', name: 'Fraud', purpose: 'Fraud', ownerId: actors.COMPLIANCE_OFFICER.userId! }, select: { id: true } });
    const v = await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '1.0.0', stage: 'PRODUCTION', createdById: actors.COMPLIANCE_OFFICER.userId!, metrics: { create: [{ name: 'auc', value: 0.9, threshold: 0.7 }] } }, select: { id: true } });
    othersVersionId = v.id;
    await m.createMonitor(actors.COMPLIANCE_OFFICER, { versionId: v.id, groupAttributes: [] });
  });

  it('may be created by an engineer with monitoring scopes only; an auditor may not create one', async () => {
    await expect(createToken(actors.ENGINEER, { name: 'too much', scopes: ['monitoring:write', 'models:read'], expiresInDays: 30 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createToken(actors.AUDITOR, { name: 'auditor pipeline', scopes: ['monitoring:write'], expiresInDays: 30 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const token = await createToken(actors.ENGINEER, { name: 'credit pipeline', scopes: ['monitoring:write'], expiresInDays: 30 });
    expect(token.scopes).toEqual(['monitoring:write']);
  });

  it('sends windows for the creator\'s models and is refused, with nothing stored, for another owner\'s', async () => {
    const token = await createToken(actors.ENGINEER, { name: 'pipeline 2', scopes: ['monitoring:write'], expiresInDays: 30 });
    const ok = await post(versionId, token.secret, { windows: [window(20)] });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toMatchObject({ created: 1 });
    const before = await counts();
    const refused = await post(othersVersionId, token.secret, { windows: [{ ...window(20), metrics: [{ name: 'auc', value: 0.8 }], features: {} }] });
    expect(refused.status).toBe(403);
    expect(await counts()).toEqual(before);
    // The compliance officer's own token reaches every model.
    const officer = await createToken(actors.COMPLIANCE_OFFICER, { name: 'officer pipeline', scopes: ['monitoring:write'], expiresInDays: 30 });
    expect((await post(othersVersionId, officer.secret, { windows: [{ ...window(20), metrics: [{ name: 'auc', value: 0.8 }], features: {} }] })).status).toBe(200);
  });

  it('stops carrying the owner grant when its creator no longer owns the model', async () => {
    const token = await createToken(actors.ENGINEER, { name: 'pipeline 3', scopes: ['monitoring:write'], expiresInDays: 30 });
    const model = await db.model.findFirstOrThrow({ where: { orgId, key: 'credit' }, select: { id: true } });
    await db.model.update({ where: { id: model.id }, data: { ownerId: actors.COMPLIANCE_OFFICER.userId! } });
    try {
      expect((await post(versionId, token.secret, { windows: [window(21)] })).status).toBe(403);
    } finally {
      await db.model.update({ where: { id: model.id }, data: { ownerId: actors.ENGINEER.userId! } });
    }
  });

  it('can be revoked by its creator, not by another engineer', async () => {
    const { revokeToken } = await import('@/lib/tokens/mutations');
    const token = await createToken(actors.ENGINEER, { name: 'pipeline 4', scopes: ['monitoring:write'], expiresInDays: 30 });
    const other = await createOrgWithRoles('Other revoker');
    await expect(revokeToken({ ...other.actors.ENGINEER, orgId }, token.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await revokeToken(actors.ENGINEER, token.id);
    expect((await post(versionId, token.secret, { windows: [window(22)] })).status).toBe(401);
    const admins = await createToken(actors.ADMIN, { name: 'admin token', scopes: ['monitoring:read'], expiresInDays: 30 });
    await expect(revokeToken(actors.ENGINEER, admins.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the daily roll-up, the version page\'s pages and the overview\'s order', () => {
  let org: Awaited<ReturnType<typeof createOrgWithRoles>>;
  let hourly: { id: string; versionId: string };
  const DAY = 24 * H;
  const start = Math.floor((Date.now() - 45 * DAY) / DAY) * DAY + 3 * H;
  const hour = (i: number, over: { young?: number; shift?: number } = {}) => {
    const at = start + i * H + (over.shift ?? 0);
    // Applicants under 25 have no rows on day 5 (count 0): a gap, not a value.
    const noYoung = Math.floor((at + H) / DAY) === Math.floor(start / DAY) + 5;
    return {
      windowId: `h-${i}`,
      start: new Date(at).toISOString(),
      end: new Date(at + H).toISOString(),
      rowCount: 100,
      metrics: [
        { name: 'accuracy', value: 0.9 + (i % 7) / 100 },
        { name: 'accuracy', attribute: 'age', group: '<25', value: noYoung ? 0 : over.young ?? 0.85 + (i % 5) / 100, count: noYoung ? 0 : 20 },
        { name: 'accuracy', attribute: 'age', group: '25-60', value: 0.9, count: 80 },
      ],
    };
  };
  const agreesWithValues = async () => {
    const direct = await db.$queryRaw<{ day: Date; metric: string; attribute: string; groupValue: string; mean: number | null; windows: number }[]>`
      SELECT date_trunc('day', "endsAt") AS "day", "metric", "attribute", "groupValue", avg("value") FILTER (WHERE "count" IS NULL OR "count" > 0) AS "mean", count(*)::int AS "windows"
        FROM "MonitorMetricValue" WHERE "monitorId" = ${hourly.id} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
    const rolled = await db.monitorMetricDay.findMany({ where: { monitorId: hourly.id }, orderBy: [{ day: 'asc' }, { metric: 'asc' }, { attribute: 'asc' }, { groupValue: 'asc' }] });
    expect(rolled.map((r) => [r.day.toISOString(), r.metric, r.attribute, r.groupValue, r.windows])).toEqual(direct.map((d) => [d.day.toISOString(), d.metric, d.attribute, d.groupValue, d.windows]));
    rolled.forEach((r, i) => {
      if (direct[i].mean === null) expect(r.valueN).toBe(0);
      else expect(r.valueSum / r.valueN).toBeCloseTo(direct[i].mean!, 12);
    });
    return rolled;
  };

  beforeAll(async () => {
    org = await createOrgWithRoles('Rollup');
    const system = await db.aISystem.create({ data: { orgId: org.orgId, name: 'Scoring', purpose: 'Scoring', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH' }, select: { id: true } });
    const versions: string[] = [];
    // 26 healthy versions named A…, and one named Z… whose health is set below.
    for (let i = 0; i < 27; i++) {
      const model = await db.model.create({ data: { orgId: org.orgId, systemId: system.id, key: `m-${i}`, name: i === 26 ? 'Zeta model' : `A model ${String(i).padStart(2, '0')}`, purpose: 'p', ownerId: org.actors.ENGINEER.userId! }, select: { id: true } });
      versions.push((await db.modelVersion.create({ data: { orgId: org.orgId, modelId: model.id, label: '1.0.0', stage: 'PRODUCTION', createdById: org.actors.ENGINEER.userId! }, select: { id: true } })).id);
    }
    const created = await m.createMonitor(org.actors.ENGINEER, { versionId: versions[0], cadenceHours: 1, groupAttributes: ['age'], metrics: [{ name: 'accuracy', direction: 'AT_LEAST', threshold: 0.5 }, { name: 'accuracy', attribute: 'age', direction: 'AT_LEAST', threshold: 0.5 }] });
    hourly = { id: created.id, versionId: versions[0] };
    for (const v of versions.slice(1)) await m.createMonitor(org.actors.ENGINEER, { versionId: v, metrics: [{ name: 'accuracy', direction: 'AT_LEAST', threshold: 0.5 }] });
  });

  it('keeps one row per UTC day, metric and group in the windows\' transaction, also when a window is re-sent or moves to another day', async () => {
    const all = Array.from({ length: 40 * 24 }, (_, i) => hour(i));
    for (let i = 0; i < all.length; i += 500) await m.ingestWindows(org.actors.ENGINEER, hourly.id, all.slice(i, i + 500));
    const rolled = await agreesWithValues();
    const days = new Set(all.map((w) => new Date(Math.floor(Date.parse(w.end) / DAY) * DAY).toISOString()));
    expect(new Set(rolled.map((r) => r.day.toISOString()))).toEqual(days);
    // Late labels change a value; another window is re-sent a day later.
    const late = await m.ingestWindows(org.actors.ENGINEER, hourly.id, [hour(100, { young: 0.6 }), hour(200, { shift: DAY })]);
    expect(late).toMatchObject({ updated: 2 });
    await agreesWithValues();
  });

  it('draws hourly windows one point per day and pages every table by 30 rows, newest first', async () => {
    const page1 = await q.getVersionMonitoring(org.actors.AUDITOR, hourly.versionId, { days: 365 });
    expect(page1.bucket).toBe('day');
    const young = page1.series.find((s) => s.attribute === 'age')!;
    const expectedDays = (await db.monitorMetricDay.findMany({ where: { monitorId: hourly.id }, distinct: ['day'], select: { day: true } })).length;
    expect(young.points).toHaveLength(expectedDays);
    expect(page1.table).toEqual({ page: 1, pageSize: 30, total: expectedDays });
    expect(young.rows).toHaveLength(30);
    expect(young.rows[0].at).toBe(young.points.at(-1)!.at);
    // Day 5 had no rows for applicants under 25: a gap in their column only.
    const day5 = young.points.find((p) => p.at === new Date(Math.floor(start / DAY) * DAY + 5 * DAY).toISOString())!;
    expect(day5.values['<25']).toBeNull();
    expect(day5.values['25-60']).toBeCloseTo(0.9, 10);
    const page2 = await q.getVersionMonitoring(org.actors.AUDITOR, hourly.versionId, { days: 365, page: 2 });
    expect(page2.series.find((s) => s.attribute === 'age')!.rows).toEqual(young.points.slice().reverse().slice(30));
    // Past the last page: the last page.
    expect((await q.getVersionMonitoring(org.actors.AUDITOR, hourly.versionId, { days: 365, page: 99 })).table.page).toBe(2);
  });

  it('sorts the overview worst first (breach, warning, missing data, no data, healthy) on the server, page by page', async () => {
    const ms = await db.monitor.findMany({ where: { orgId: org.orgId }, select: { id: true, version: { select: { model: { select: { name: true } } } } }, orderBy: { createdAt: 'asc' } });
    const byName = (name: string) => ms.find((x) => x.version.model.name === name)!.id;
    await db.monitor.updateMany({ where: { orgId: org.orgId }, data: { health: 'OK' } });
    await db.monitor.update({ where: { id: byName('Zeta model') }, data: { health: 'BREACH' } });
    await db.monitor.update({ where: { id: byName('A model 05') }, data: { health: 'NO_DATA' } });
    await db.monitor.update({ where: { id: byName('A model 07') }, data: { health: 'MISSING' } });
    await db.monitor.update({ where: { id: byName('A model 09') }, data: { health: 'WARNING' } });
    const first = await q.listMonitors(org.actors.AUDITOR, { page: 1 });
    expect(first.total).toBe(27);
    expect(first.monitors.slice(0, 5).map((x) => [x.model.name, x.health])).toEqual([
      ['Zeta model', 'BREACH'],
      ['A model 09', 'WARNING'],
      ['A model 07', 'MISSING'],
      ['A model 05', 'NO_DATA'],
      ['A model 00', 'OK'],
    ]);
    const second = await q.listMonitors(org.actors.AUDITOR, { page: 2 });
    expect(second.monitors.map((x) => x.model.name)).toEqual(['A model 24', 'A model 25']);
    const seen = [...first.monitors, ...second.monitors].map((x) => x.id);
    expect(new Set(seen).size).toBe(27);
  });

  it('takes an Evidently 0.4 report unchanged: its quality metrics and its own drift verdicts become one window; a broken report stores nothing', async () => {
    const end = Date.now() - 60_000;
    const report = {
      version: '0.4.40',
      metrics: [
        { metric: 'DatasetSummaryMetric', result: { current: { number_of_rows: 5000 } } },
        { metric: 'DataDriftTable', result: { number_of_rows: 5000, drift_by_columns: { amount: { column_name: 'amount', drift_score: 0.31, stattest_name: 'Wasserstein distance (normed)', stattest_threshold: 0.1, drift_detected: true }, channel: { column_name: 'channel', drift_score: 0.2, stattest_name: 'chi-square p_value', stattest_threshold: 0.05, drift_detected: false } } } },
        { metric: 'ClassificationQualityMetric', result: { current: { accuracy: 0.72, precision: 0.7, recall: 0.66, f1: 0.68, roc_auc: 0.77, fpr: 0.2, fnr: 0.34 } } },
      ],
    };
    const r = await m.ingestEvidentlyReport(org.actors.ENGINEER, hourly.id, { windowId: 'evidently-1', start: new Date(end - H).toISOString(), end: new Date(end).toISOString(), report });
    expect(r).toMatchObject({ created: 1 });
    const w = await db.monitorWindow.findFirstOrThrow({ where: { monitorId: hourly.id, externalId: 'evidently-1' }, select: { rowCount: true, drift: true, values: { where: { metric: 'accuracy' }, select: { value: true } } } });
    expect(w.rowCount).toBe(5000);
    expect(w.values).toEqual([{ value: 0.72 }]);
    expect(w.drift).toEqual([
      { feature: 'amount', method: 'WASSERSTEIN', score: 0.31, threshold: 0.1, level: 'BREACH' },
      { feature: 'channel', method: 'CHI_SQUARE', score: 0.2, threshold: 0.05, level: 'OK' },
    ]);
    expect(await db.monitorAlert.findFirst({ where: { monitorId: hourly.id, kind: 'DRIFT', subject: 'amount', status: 'OPEN' }, select: { level: true } })).toEqual({ level: 'BREACH' });
    const before = await db.monitorWindow.count({ where: { monitorId: hourly.id } });
    const broken = { metrics: [{ metric: 'DataDriftTable', result: { drift_by_columns: { amount: { drift_score: 0.31, stattest_name: 'psi' } } } }] };
    const refused = await m.ingestEvidentlyReport(org.actors.ENGINEER, hourly.id, { windowId: 'evidently-2', start: new Date(end - H).toISOString(), end: new Date(end).toISOString(), report: broken }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { invalid: [{ row: 1, ref: 'DataDriftTable.amount', reason: 'needs drift_score, stattest_threshold and stattest_name' }] } });
    expect(await db.monitorWindow.count({ where: { monitorId: hourly.id } })).toBe(before);
  });

  it('expects data only from versions in production: a rolled-back version gets no missing-data alert', async () => {
    const { systemActor } = await import('@/lib/auth/actor');
    const out = await db.monitor.findFirstOrThrow({ where: { orgId: org.orgId, version: { model: { name: 'A model 03' } } }, select: { id: true, versionId: true } });
    await db.modelVersion.update({ where: { id: out.versionId }, data: { stage: 'VALIDATION' } });
    const opened = await m.recordMissingData(systemActor(org.orgId, 'test'), new Date(Date.now() + 30 * H));
    expect(opened).toBe(26);
    expect(await db.monitorAlert.count({ where: { monitorId: out.id, kind: 'MISSING_DATA' } })).toBe(0);
  });
});

describe('requests for one monitor at the same time', () => {
  let org: Awaited<ReturnType<typeof createOrgWithRoles>>;
  let monitor: string;
  const begin = Math.floor((Date.now() - 10 * 24 * H) / H) * H;
  const hourly = (i: number) => ({
    windowId: `c-${i}`,
    start: new Date(begin + i * H).toISOString(),
    end: new Date(begin + (i + 1) * H).toISOString(),
    rowCount: 100,
    metrics: [
      { name: 'accuracy', value: 0.9 + (i % 7) / 100 },
      { name: 'accuracy', attribute: 'age', group: '<25', value: 0.85, count: 20 },
    ],
  });
  const stored = async () => ({
    windows: await db.monitorWindow.count({ where: { monitorId: monitor } }),
    values: await db.monitorMetricValue.count({ where: { monitorId: monitor } }),
    rolledWindows: (await db.monitorMetricDay.aggregate({ where: { monitorId: monitor }, _sum: { windows: true } }))._sum.windows ?? 0,
    summary: await db.monitor.findUniqueOrThrow({ where: { id: monitor }, select: { windowCount: true } }),
  });

  beforeAll(async () => {
    org = await createOrgWithRoles('Concurrent');
    const system = await db.aISystem.create({ data: { orgId: org.orgId, name: 'Scoring', purpose: 'Scoring', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH' }, select: { id: true } });
    const model = await db.model.create({ data: { orgId: org.orgId, systemId: system.id, key: 'concurrent', name: 'Concurrent model', purpose: 'p', ownerId: org.actors.ENGINEER.userId! }, select: { id: true } });
    const version = await db.modelVersion.create({ data: { orgId: org.orgId, modelId: model.id, label: '1.0.0', stage: 'PRODUCTION', createdById: org.actors.ENGINEER.userId! }, select: { id: true } });
    monitor = (await m.createMonitor(org.actors.ENGINEER, { versionId: version.id, cadenceHours: 1, groupAttributes: ['age'], metrics: [{ name: 'accuracy', direction: 'AT_LEAST', threshold: 0.5 }, { name: 'accuracy', attribute: 'age', direction: 'AT_LEAST', threshold: 0.5 }] })).id;
  });

  it('stores the windows two requests both carry once, and the roll-up and summary count every window once', async () => {
    const a = Array.from({ length: 60 }, (_, k) => hourly(k));
    const b = Array.from({ length: 60 }, (_, k) => hourly(30 + k));
    const [ra, rb] = await Promise.all([m.ingestWindows(org.actors.ENGINEER, monitor, a), m.ingestWindows(org.actors.ENGINEER, monitor, b)]);
    expect(ra.created + rb.created).toBe(90);
    expect(ra.unchanged + rb.unchanged).toBe(30);
    expect(await stored()).toEqual({ windows: 90, values: 180, rolledWindows: 180, summary: { windowCount: 90 } });
  });

  it('stores the same new windows sent three times at once exactly once', async () => {
    const c = Array.from({ length: 40 }, (_, k) => hourly(100 + k));
    const results = await Promise.all([1, 2, 3].map(() => m.ingestWindows(org.actors.ENGINEER, monitor, c)));
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(40);
    expect(results.reduce((n, r) => n + r.unchanged, 0)).toBe(80);
    expect(await stored()).toEqual({ windows: 130, values: 260, rolledWindows: 260, summary: { windowCount: 130 } });
  });

  it('replaces a window changed by two requests at once, once each, with its values replaced and not doubled', async () => {
    const changed = (young: number) => ({ ...hourly(5), metrics: [{ name: 'accuracy', value: 0.9 }, { name: 'accuracy', attribute: 'age', group: '<25', value: young, count: 20 }] });
    const [r1, r2] = await Promise.all([m.ingestWindows(org.actors.ENGINEER, monitor, [changed(0.7)]), m.ingestWindows(org.actors.ENGINEER, monitor, [changed(0.6)])]);
    expect(r1.updated + r2.updated).toBe(2);
    const w = await db.monitorWindow.findFirstOrThrow({ where: { monitorId: monitor, externalId: 'c-5' }, select: { id: true, revision: true } });
    expect(w.revision).toBe(3);
    expect(await db.monitorMetricValue.count({ where: { windowId: w.id } })).toBe(2);
    expect(await stored()).toEqual({ windows: 130, values: 260, rolledWindows: 260, summary: { windowCount: 130 } });
  });
});
