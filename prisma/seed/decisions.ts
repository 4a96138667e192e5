import { ROLE_GRANTS } from '@/lib/auth/permissions';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import type { DecisionRecordInput } from '@/lib/decisions/schema';
import { DEMO_USERS } from './demo-accounts';

// Decision-log demo: 200,000 decisions of the credit model over the 90 days
// before the seed runs (weekday and weekend volumes, business hours), each
// with a tree-SHAP explanation that adds up and annual_income restricted;
// about 2 % overridden by an underwriter with the reason (Art. 14); a signed
// checkpoint after every second batch, dated when the checkpoint job would
// have issued it, so consistency proofs between them can be shown; one
// erased subject (applicant-00042) whose proofs still verify. Sent through
// ingestion in batches of 10,000, as the serving stack sends them: each
// decision names the version the deployment history says was in production
// at its time, and the additivity check runs on every explanation.

const D = 86_400_000;
const H = 3_600_000;
export const DEMO_DECISIONS = 200_000;
/** What tests that seed the whole demo for another domain log (the decision log's own seed test logs the full demo). */
export const TEST_DEMO_DECISIONS = 2_000;
const DAYS = 90;
const BATCH = 10_000;
const CHECKPOINT_EVERY = 2;
const APPLICANTS = 120_000;
const BASE = 0.18;
// Share of a day's applications per UTC hour: quiet at night, a peak in the afternoon.
const HOURS = [1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 8, 8, 8, 8, 7, 7, 6, 5, 4, 3, 2, 1];
const UNDERWRITERS = ['priya.underwriter@example.com', 'marco.underwriter@example.com', 'lena.underwriter@example.com'];
const TO_APPROVE = [
  'Verified income documents show a recent salary increase the application data did not have.',
  'The delinquency on file was a disputed bureau entry, corrected since; the applicant qualifies.',
  'A co-applicant\'s income, not captured by the application form, brings the debt-to-income ratio within policy.',
];
const TO_DECLINE = [
  'The payslips provided do not match the stated income; declined under the verification policy.',
  'A recent default at another lender, reported after the bureau pull, puts the application outside policy.',
];

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** Applications per day, oldest first: weekdays busier than weekends, summing to `total`. */
export function dailyVolumes(days: number, total: number, firstDay: Date, rnd: () => number): number[] {
  const weights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date(firstDay.getTime() + d * D).getUTCDay();
    const base = weekday === 0 ? 0.35 : weekday === 6 ? 0.5 : weekday === 1 ? 1.1 : 1;
    return base * (0.9 + rnd() * 0.2);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  counts[days - 1] += total - counts.reduce((a, b) => a + b, 0);
  return counts;
}

/** Times of a day's decisions (oldest first), placed by the hourly shares. */
function dayTimes(start: number, count: number, rnd: () => number): number[] {
  const hourWeight = HOURS.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  for (let h = 0; h < 24; h++) {
    const n = Math.round((HOURS[h] / hourWeight) * count);
    for (let j = 0; j < n && out.length < count; j++) out.push(start + h * H + Math.floor(((j + rnd()) / n) * H));
  }
  while (out.length < count) out.push(start + 23 * H + Math.floor(rnd() * H));
  return out.sort((a, b) => a - b);
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export async function seedDecisions(orgId: string, log: (line: string) => void = console.log, options: { decisions?: number } = {}): Promise<void> {
  if (await db.decisionBatch.findFirst({ where: { orgId }, select: { id: true } })) return log('seed: decision log already present');
  const started = Date.now();
  const total = options.decisions ?? DEMO_DECISIONS;
  const model = await db.model.findFirst({
    where: { orgId, key: 'credit-scoring' },
    select: { systemId: true, deployments: { select: { kind: true, at: true, version: { select: { label: true } } }, orderBy: { at: 'asc' } } },
  });
  if (!model?.deployments.length) return log('seed: credit model missing; skipped the decision log');
  const users = await db.user.findMany({ where: { orgId, email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, orgId: true, email: true, name: true, role: true } });
  const as = (role: string): Actor => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`seed: no demo ${role}`);
    return { kind: 'user', userId: u.id, tokenId: null, orgId: u.orgId, role: u.role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role], request: { id: 'seed', ip: null } };
  };
  // The serving stack holds a token scoped decisions:write and nothing else.
  const serving: Actor = { ...systemActor(orgId, 'seed:decisions'), grants: { any: ['decisions:write'], own: [] } };
  const systemId = model.systemId;
  await db.decisionSystemSettings.upsert({
    where: { systemId },
    create: { orgId, systemId, highStakes: true, restrictedFeatures: ['annual_income'], retentionDays: 183 },
    update: {},
  });
  const { ingestDecisions } = await import('@/lib/decisions/ingest');
  const { issueCheckpoint, eraseSubject } = await import('@/lib/decisions/mutations');
  const events = model.deployments.map((e) => ({ at: e.at.getTime(), label: e.kind === 'RETIREMENT' ? null : (e.version?.label ?? null) }));
  const servedAt = (t: number) => {
    let label: string | null = null;
    for (const e of events) {
      if (e.at > t) break;
      label = e.label;
    }
    return label;
  };

  const rnd = random(42);
  const now = Date.now();
  // The 90 whole UTC days before the day the seed runs.
  const firstDay = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) - DAYS * D;
  const volumes = dailyVolumes(DAYS, total, new Date(firstDay), rnd);
  const times = volumes.flatMap((n, d) => dayTimes(firstDay + d * D, n, rnd));
  const admin = as('ADMIN');
  let overridden = 0;
  const batchOf = (from: number) => {
    const size = Math.min(BATCH, total - from);
    return Array.from({ length: size }, (_, k): { row: number; value: DecisionRecordInput } => {
      const i = from + k;
      const at = times[i];
      const version = servedAt(at);
      if (!version) throw new Error(`seed: no credit model version in production at ${new Date(at).toISOString()}`);
      const dti = Math.round(rnd() * 60) / 100;
      const utilisation = Math.round(rnd() * 100) / 100;
      const delinquency = Math.floor(rnd() * 72);
      const income = 18_000 + Math.round(rnd() * 120_000);
      const attributions = {
        debt_to_income_ratio: round4((dti - 0.3) * 0.5),
        credit_utilisation: round4((utilisation - 0.5) * 0.3),
        months_since_last_delinquency: round4((24 - Math.min(delinquency, 48)) * 0.003),
        annual_income: round4((60_000 - income) / 1_000_000),
      };
      const score = round4(BASE + attributions.debt_to_income_ratio + attributions.credit_utilisation + attributions.months_since_last_delinquency + attributions.annual_income);
      const predicted = score > 0.3 ? 'decline' : 'approve';
      // About 2 % overridden by an underwriter (app-100017 always, for the walk-through), about 6 % more reviewed and upheld.
      const draw = rnd();
      const override = i === 17 || draw < 0.02;
      const reviewed = override || draw < 0.08;
      if (override) overridden++;
      const reasons = predicted === 'decline' ? TO_APPROVE : TO_DECLINE;
      return {
        row: k + 1,
        value: {
          decisionId: `app-${String(100_000 + i)}`,
          model: 'credit-scoring',
          version,
          timestamp: new Date(at).toISOString(),
          subjectRef: `applicant-${String(1 + (i % APPLICANTS)).padStart(5, '0')}`,
          features: { debt_to_income_ratio: dti, credit_utilisation: utilisation, months_since_last_delinquency: delinquency, annual_income: income },
          output: { score, class: predicted },
          confidence: Math.round((0.6 + rnd() * 0.39) * 100) / 100,
          decision: override ? (predicted === 'decline' ? 'approve' : 'decline') : predicted,
          group: i % 2 ? 'female' : 'male',
          human: reviewed
            ? { reviewed: true, overridden: override, reviewer: UNDERWRITERS[i % UNDERWRITERS.length], ...(override ? { reason: i === 17 ? TO_APPROVE[0] : reasons[i % reasons.length] } : {}) }
            : undefined,
          latencyMs: 8 + Math.round(rnd() * 30),
          explanation: { method: 'tree-shap', baseValue: BASE, attributions },
        },
      };
    });
  };
  // One sender, oldest batch first, so the chain's order is the decisions' order: on two
  // shared cores a second sender only made the two contend. A checkpoint follows every
  // second batch, dated when the 10-minute checkpoint job would have issued it.
  let checkpoints = 0;
  for (let from = 0, batch = 1; from < total; from += BATCH, batch++) {
    const records = batchOf(from);
    const report = await ingestDecisions(serving, systemId, records);
    if (report.accepted !== records.length || report.explanations.valid !== records.length) {
      throw new Error(`seed: batch ${batch} logged ${report.accepted} of ${records.length} decisions, ${report.explanations.valid} explanations valid`);
    }
    if (batch % CHECKPOINT_EVERY === 0 || from + BATCH >= total) {
      const lastAt = times[from + records.length - 1];
      if ((await issueCheckpoint(admin, new Date(Math.min(lastAt + 10 * 60_000, now)))).created) checkpoints++;
    }
  }
  await eraseSubject(as('PRIVACY_OFFICER'), 'applicant-00042', 'Data-subject erasure request (demo)');
  log(
    `seed: decision log with ${total.toLocaleString('en')} credit decisions over ${DAYS} days, ${overridden.toLocaleString('en')} overridden, ${checkpoints} checkpoints, one erased subject (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
