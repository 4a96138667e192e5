import { systemActor, type Actor } from '@/lib/auth/actor';
import { ROLE_GRANTS } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { DEMO_USERS } from './demo-accounts';
import { seedCreditRetrain } from './models';

// Monitoring demo: 90 daily windows for the credit model's 3.0.1, released
// over 3.0.0 90 days ago, in which accuracy for applicants under 25 drifts
// through the warning band into a breach, opening the automatic fairness
// incident, which compliance resolves by rolling 3.0.1 back to 3.0.0 from
// the incident; a drifting income feature whose warning was acknowledged; a
// healthy recommender; a triage model whose data stopped three days ago.

const D = 86_400_000;
const EDGES = [0, 10, 20, 30, 40, 50, 60, 80, 100, 150, 300];
const REFERENCE = [400, 900, 1500, 1800, 1700, 1300, 1200, 700, 400, 100];

function shifted(day: number): number[] {
  // From day 50 the income distribution moves a bin up, a little more each day.
  const s = Math.max(0, Math.min(1, (day - 50) / 80));
  return REFERENCE.map((c, i) => Math.round(c * (1 - s) + (REFERENCE[i - 1] ?? 0) * s));
}

export async function seedMonitoring(orgId: string, log: (line: string) => void = console.log): Promise<void> {
  if (await db.monitor.findFirst({ where: { orgId }, select: { id: true } })) return log('seed: monitoring already present');
  const users = await db.user.findMany({ where: { orgId, email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, orgId: true, email: true, name: true, role: true } });
  const as = (role: string): Actor => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`seed: no demo ${role}`);
    return { kind: 'user', userId: u.id, tokenId: null, orgId: u.orgId, role: u.role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role], request: { id: 'seed', ip: null } };
  };
  const production = (key: string) => db.modelVersion.findFirst({ where: { orgId, stage: 'PRODUCTION', model: { key } }, select: { id: true, model: { select: { ownerId: true } } } });
  const [recommender, triage] = await Promise.all([production('product-recommender'), production('clinical-triage')]);
  if (!(await production('credit-scoring')) || !recommender || !triage) return log('seed: registry demo models missing; skipped monitoring');
  const m = await import('@/lib/monitoring/mutations');
  const engineer = as('ENGINEER');
  const compliance = as('COMPLIANCE_OFFICER');
  const pipeline = systemActor(orgId, 'seed:monitoring');
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const day = (i: number, days: number) => ({ start: new Date(today - (days - i) * D).toISOString(), end: new Date(today - (days - i - 1) * D).toISOString() });
  // The monitored credit version: 3.0.1, in production since the first window.
  const credit = { id: await seedCreditRetrain(orgId, new Date(today - 90 * D)) };

  const creditMonitor = await m.createMonitor(compliance, {
    versionId: credit.id,
    groupAttributes: ['age'],
    reviewer: 'Credit risk model owner; compliance officer monthly',
    reviewCadence: 'Daily automated checks; monthly review in the model risk committee',
    metrics: [
      { name: 'accuracy', direction: 'AT_LEAST', threshold: 0.8, baseline: 0.86 },
      { name: 'accuracy', attribute: 'age', direction: 'AT_LEAST', threshold: 0.8 },
      { name: 'selection_rate', direction: 'AT_LEAST', threshold: 0.2, baseline: 0.41 },
      { name: 'disparate_impact', attribute: 'age', direction: 'AT_LEAST', threshold: 0.8 },
    ],
    features: [
      { name: 'income', kind: 'NUMERIC', reference: { edges: EDGES, counts: REFERENCE } },
      { name: 'employment', kind: 'CATEGORICAL', reference: { categories: { employed: 7000, self_employed: 1800, retired: 900, other: 300 } } },
    ],
  });
  const groups = [['<25', 0.36], ['25-60', 0.42], ['>60', 0.4]] as const;
  const creditWindows = Array.from({ length: 90 }, (_, i) => {
    // Under-25 accuracy: flat at 0.86 until day 40, then down 0.0022 a day (warning ≈ day 49, breach ≈ day 68).
    const young = Number((0.86 - Math.max(0, i - 40) * 0.0022 + Math.sin(i) * 0.003).toFixed(4));
    return {
      windowId: `credit-${day(i, 90).start.slice(0, 10)}`,
      ...day(i, 90),
      rowCount: 1200,
      labelledCount: i > 85 ? 0 : 1200,
      metrics: [
        { name: 'accuracy', value: 0.86 + Math.sin(i / 3) * 0.004, count: 1200 },
        { name: 'selection_rate', value: 0.41, count: 1200 },
        ...groups.flatMap(([g, rate]) => [
          { name: 'accuracy', attribute: 'age', group: g, value: g === '<25' ? young : 0.86 + Math.cos(i) * 0.003, count: g === '<25' ? 220 : 490 },
          { name: 'selection_rate', attribute: 'age', group: g, value: rate, count: g === '<25' ? 220 : 490 },
        ]),
      ],
      features: { income: { counts: shifted(i) }, employment: { categories: { employed: 840, self_employed: 216, retired: 108, other: 36 } } },
    };
  });
  await m.ingestWindows(pipeline, creditMonitor.id, creditWindows);
  const incomeAlert = await db.monitorAlert.findFirst({ where: { monitorId: creditMonitor.id, kind: 'DRIFT', subject: 'income' }, select: { id: true } });
  if (incomeAlert) await m.actOnAlert(engineer, incomeAlert.id, { action: 'acknowledge', note: 'Wage inflation since the training window; re-baselining the income reference with the next retrain.' });
  const breach = await db.monitorAlert.findFirst({ where: { monitorId: creditMonitor.id, level: 'BREACH', incidentId: { not: null } }, select: { id: true, incidentId: true } });
  if (breach?.incidentId) {
    const inc = await import('@/lib/incidents/mutations');
    await inc.recordMilestone(compliance, breach.incidentId, 'acknowledged');
    await m.actOnAlert(engineer, breach.id, { action: 'acknowledge', note: 'Confirmed on the last 14 days of decisions; incident opened.' });
    // The rollback is the incident's own action: 3.0.1 leaves production, 3.0.0 (still approved) returns.
    const monitored = await db.modelVersion.findUniqueOrThrow({ where: { id: credit.id }, select: { stage: true, modelId: true } });
    const earlier = await db.modelVersion.findFirst({ where: { modelId: monitored.modelId, stage: 'APPROVED' }, select: { id: true } });
    if (monitored.stage === 'PRODUCTION' && earlier) {
      await inc.rollbackFromIncident(compliance, { id: breach.incidentId, modelId: monitored.modelId, reason: 'Accuracy for applicants under 25 breached 0.8 on 3.0.1; 3.0.0 met it throughout validation.' });
    } else {
      await inc.addTimelineEntry(compliance, { id: breach.incidentId, at: new Date(), text: 'No rollback: the monitored version is no longer in production or there is no earlier approved version.' });
    }
    await inc.recordMilestone(compliance, breach.incidentId, 'contained');
    await inc.recordMilestone(compliance, breach.incidentId, 'resolved');
  }

  const recMonitor = await m.createMonitor(compliance, { versionId: recommender.id, groupAttributes: [], metrics: [{ name: 'auc', direction: 'AT_LEAST', threshold: 0.7, baseline: 0.79 }, { name: 'mean_score', direction: 'AT_MOST', threshold: 0.9 }], reviewer: 'Shop personalisation team', reviewCadence: 'Weekly' });
  await m.ingestWindows(pipeline, recMonitor.id, Array.from({ length: 90 }, (_, i) => ({ windowId: `rec-${i}`, ...day(i, 90), rowCount: 50_000, labelledCount: 50_000, metrics: [{ name: 'auc', value: 0.79 + Math.sin(i / 5) * 0.01 }, { name: 'mean_score', value: 0.42 }] })));

  const triageMonitor = await m.createMonitor(compliance, { versionId: triage.id, reviewer: 'Clinical safety officer', reviewCadence: 'Daily' });
  const triageMetrics = await db.monitorMetric.findMany({ where: { monitorId: triageMonitor.id, attribute: '' }, select: { name: true, baseline: true } });
  await m.ingestWindows(pipeline, triageMonitor.id, Array.from({ length: 27 }, (_, i) => ({ windowId: `triage-${i}`, ...day(i, 30), rowCount: 800, metrics: triageMetrics.map((x) => ({ name: x.name, value: x.baseline ?? 0.85 })) })));
  await m.recordMissingData(pipeline, new Date());
  log('seed: monitoring demo created (credit drift and breach, healthy recommender, triage missing data)');
}
