import { ROLE_GRANTS } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { addThreatEntry, createThreatModel } from '@/lib/threats/mutations';
import { completeRedTeamExercise, createRedTeamExercise, recordRedTeamResult } from '@/lib/threats/red-team/mutations';

// Threat model demo: the credit scoring model on MITRE ATLAS, written through
// the domain's mutations, feeding the register's ATLAS-shaped risks.

const ENTRIES = [
  { techniqueId: 'AML.T0024', component: 'serving-api', likelihood: 3, impact: 4, status: 'MITIGATING', atlasMitigationIds: ['AML.M0004'], risk: 'Model extraction through the scoring API', notes: 'Brokers call the scoring API in bulk; per-client quotas are being rolled out.' },
  { techniqueId: 'AML.T0020', component: 'data-pipeline', likelihood: 2, impact: 5, status: 'MITIGATED', atlasMitigationIds: ['AML.M0007'], risk: 'Training data poisoning via the bureau feed', notes: 'Bureau records are validated against the previous month before training.' },
  { techniqueId: 'AML.T0043', component: 'serving-api', likelihood: 3, impact: 3, status: 'IDENTIFIED', atlasMitigationIds: [], risk: 'Evasion by applicants gaming income fields', notes: 'Applicants adjust declared income until the score passes.' },
  { techniqueId: 'AML.T0010', component: 'model-artifact', likelihood: 2, impact: 4, status: 'MITIGATED', atlasMitigationIds: ['AML.M0016'], risk: null, notes: 'Third-party libraries in the training image.' },
] as const;

export async function seedThreats(orgId: string, log: (line: string) => void = console.log): Promise<void> {
  if (await db.threatModel.findFirst({ where: { orgId }, select: { id: true } })) {
    log('seed: threat models already present');
    return;
  }
  const system = await db.aISystem.findFirst({ where: { orgId, name: 'Credit scoring model' }, select: { id: true } });
  const u = await db.user.findFirst({ where: { orgId, role: 'COMPLIANCE_OFFICER', active: true }, orderBy: { email: 'asc' }, select: { id: true, orgId: true, email: true, name: true, role: true } });
  if (!system || !u) return;
  const actor: Actor = { kind: 'user', userId: u.id, tokenId: null, orgId: u.orgId, role: u.role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role], request: { id: 'seed', ip: null } };
  const model = await createThreatModel(actor, { systemId: system.id, components: ['data-pipeline', 'training', 'model-artifact', 'serving-api'], summary: 'Gradient-boosted credit scoring served to brokers over an authenticated API; monthly retraining on bureau data.' });
  for (const e of ENTRIES) {
    const risk = e.risk ? await db.risk.findFirst({ where: { orgId, title: e.risk }, select: { id: true } }) : null;
    await addThreatEntry(actor, { threatModelId: model.id, techniqueId: e.techniqueId, component: e.component, likelihood: e.likelihood, impact: e.impact, status: e.status, atlasMitigationIds: [...e.atlasMitigationIds], riskIds: risk ? [risk.id] : [], notes: e.notes });
  }
  // A completed red-team exercise on the latest credit version: one technique succeeded and raised a finding.
  const version = await db.modelVersion.findFirst({ where: { orgId, model: { systemId: system.id } }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  const exercise = await createRedTeamExercise(actor, {
    title: 'Pre-release red team of the credit model', systemId: system.id, versionId: version?.id, team: 'EXTERNAL', firm: 'Northbridge Security Labs',
    scope: 'Scoring API as brokers reach it; no access to the training environment.', techniqueIds: ['AML.T0024', 'AML.T0043', 'AML.T0029'],
  });
  const planned = await db.redTeamTechnique.findMany({ where: { exerciseId: exercise.id }, select: { id: true, techniqueId: true } });
  const results = { 'AML.T0024': ['RESISTED', ''], 'AML.T0029': ['PARTIAL', 'Bursts slowed responses for 40 s before the rate limit applied.'], 'AML.T0043': ['SUCCEEDED', 'Rounding declared income up by 3 % moved 1 in 12 declined test applicants to approval.'] } as const;
  for (const t of planned) {
    const [result, evidence] = results[t.techniqueId as keyof typeof results];
    await recordRedTeamResult(actor, { id: t.id, result, evidence });
  }
  await completeRedTeamExercise(actor, { id: exercise.id });
  log('seed: credit scoring threat model and red-team exercise created');
}
