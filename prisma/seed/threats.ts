import { ROLE_GRANTS } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { addThreatEntry, createThreatModel } from '@/lib/threats/mutations';

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
  log('seed: credit scoring threat model created');
}
