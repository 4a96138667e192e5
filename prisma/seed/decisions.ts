import { ROLE_GRANTS } from '@/lib/auth/permissions';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { DEMO_USERS } from './demo-accounts';

// Decision-log demo: 3,000 decisions of the production credit model over
// the last 30 days, with tree-SHAP explanations that add up, one human
// override, one erased subject (whose proofs still verify) and a signed
// checkpoint. Written through the log's own append (lib/decisions/log.ts),
// since the demo's deployment history begins when the seed runs.

const D = 86_400_000;
const TOTAL = 3_000;
const BATCH = 1_000;
const BASE = 0.18;

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

export async function seedDecisions(orgId: string, log: (line: string) => void = console.log): Promise<void> {
  if (await db.decisionBatch.findFirst({ where: { orgId }, select: { id: true } })) return log('seed: decision log already present');
  const version = await db.modelVersion.findFirst({ where: { orgId, stage: 'PRODUCTION', model: { key: 'credit-scoring' } }, select: { id: true, modelId: true, model: { select: { systemId: true } } } });
  if (!version) return log('seed: credit model missing; skipped the decision log');
  const users = await db.user.findMany({ where: { orgId, email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, orgId: true, email: true, name: true, role: true } });
  const as = (role: string): Actor => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`seed: no demo ${role}`);
    return { kind: 'user', userId: u.id, tokenId: null, orgId: u.orgId, role: u.role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role], request: { id: 'seed', ip: null } };
  };
  const systemId = version.model.systemId;
  await db.decisionSystemSettings.upsert({
    where: { systemId },
    create: { orgId, systemId, highStakes: true, restrictedFeatures: ['annual_income'], retentionDays: 183 },
    update: {},
  });
  const { appendBatch } = await import('@/lib/decisions/log');
  const { issueCheckpoint, eraseSubject } = await import('@/lib/decisions/mutations');
  const rnd = random(42);
  const now = Date.now();
  for (let done = 0; done < TOTAL; done += BATCH) {
    const decisions = Array.from({ length: BATCH }, (_, k) => {
      const i = done + k;
      const dti = Math.round(rnd() * 60) / 100;
      const utilisation = Math.round(rnd() * 100) / 100;
      const delinquency = Math.floor(rnd() * 72);
      const income = 18_000 + Math.round(rnd() * 120_000);
      const attributions = {
        debt_to_income_ratio: Math.round((dti - 0.3) * 0.5 * 10_000) / 10_000,
        credit_utilisation: Math.round((utilisation - 0.5) * 0.3 * 10_000) / 10_000,
        months_since_last_delinquency: Math.round((24 - Math.min(delinquency, 48)) * 0.003 * 10_000) / 10_000,
        annual_income: Math.round(((60_000 - income) / 1_000_000) * 10_000) / 10_000,
      };
      const score = Math.round((BASE + Object.values(attributions).reduce((a, b) => a + b, 0)) * 10_000) / 10_000;
      const declined = score > 0.3;
      const override = i === 17;
      return {
        ref: `app-${String(100_000 + i)}`,
        modelId: version.modelId,
        versionId: version.id,
        // Oldest first, spread over 30 days, the newest an hour ago.
        decidedAt: new Date(now - 3_600_000 - Math.round(((TOTAL - i) / TOTAL) * 30 * D)).toISOString(),
        subjectRef: `applicant-${String(1 + (i % 2_400)).padStart(5, '0')}`,
        features: { debt_to_income_ratio: dti, credit_utilisation: utilisation, months_since_last_delinquency: delinquency, annual_income: income },
        output: { score, class: declined ? 'decline' : 'approve' },
        score,
        confidence: Math.round((0.6 + rnd() * 0.39) * 100) / 100,
        outcome: override ? 'approve' : declined ? 'decline' : 'approve',
        groupLabel: i % 2 ? 'female' : 'male',
        humanReviewed: override || (declined && i % 10 === 0),
        overridden: override,
        reviewer: override || (declined && i % 10 === 0) ? 'priya.underwriter@example.com' : null,
        overrideReason: override ? 'Verified income documents show a recent salary increase the application data did not have.' : null,
        latencyMs: 8 + Math.round(rnd() * 30),
        explanation: { method: 'tree-shap', baseValue: BASE, attributions },
        explanationStatus: 'VALID' as const,
        topFactor: Object.entries(attributions).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))[0][0],
      };
    });
    await appendBatch({ orgId, systemId, actorLabel: 'seed:decisions', tokenId: null, decisions, report: { explanations: { valid: BATCH } }, actor: systemActor(orgId, 'seed:decisions') });
  }
  await issueCheckpoint(as('ADMIN'));
  await eraseSubject(as('PRIVACY_OFFICER'), 'applicant-00042', 'Data-subject erasure request (demo)');
  log(`seed: decision log with ${TOTAL} credit decisions, one override, one erased subject and a checkpoint`);
}
