import type { Actor } from '@/lib/auth/actor';
import { ROLE_GRANTS } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { DEMO_USERS } from './demo-accounts';

// Risk register demo: 25 risks across the three demo AI systems, written
// through the register's own mutations (so the trail has their history);
// some mitigated, some accepted, one whose acceptance has run out (the job
// reopens it on its next run).

type R = { system: 'credit' | 'clinical' | 'recommender'; title: string; category: string; il: number; ii: number; rl?: number; ri?: number; treatment?: 'MITIGATE' | 'TRANSFER' | 'AVOID'; owner: 'ENGINEER' | 'COMPLIANCE_OFFICER'; accept?: 'yes' | 'expired' };

const RISKS: R[] = [
  { system: 'credit', title: 'Approval rates differ by sex after retraining', category: 'nist.fair', il: 4, ii: 5, rl: 2, ri: 4, treatment: 'MITIGATE', owner: 'ENGINEER' },
  { system: 'credit', title: 'Proxy variables for ethnicity in postcode features', category: 'mit.discrimination-toxicity', il: 3, ii: 5, rl: 2, ri: 5, treatment: 'MITIGATE', owner: 'ENGINEER' },
  { system: 'credit', title: 'Adverse-action reasons not explainable to applicants', category: 'nist.explainable-interpretable', il: 3, ii: 4, rl: 2, ri: 3, treatment: 'MITIGATE', owner: 'COMPLIANCE_OFFICER' },
  { system: 'credit', title: 'Model extraction through the scoring API', category: 'mit.privacy-security', il: 2, ii: 4, rl: 1, ri: 4, treatment: 'MITIGATE', owner: 'ENGINEER' },
  { system: 'credit', title: 'Evasion by applicants gaming income fields', category: 'nist.secure-resilient', il: 3, ii: 3, owner: 'ENGINEER' },
  { system: 'credit', title: 'Training data poisoning via the bureau feed', category: 'mit.privacy-security', il: 2, ii: 5, rl: 2, ri: 3, treatment: 'TRANSFER', owner: 'COMPLIANCE_OFFICER' },
  { system: 'credit', title: 'Drift after interest-rate changes', category: 'nist.valid-reliable', il: 4, ii: 3, rl: 3, ri: 3, treatment: 'MITIGATE', owner: 'ENGINEER' },
  { system: 'credit', title: 'Thin-file applicants scored with low confidence', category: 'mit.system-safety', il: 3, ii: 3, owner: 'ENGINEER', accept: 'yes' },
  { system: 'credit', title: 'Loan officers over-rely on the score', category: 'mit.human-computer-interaction', il: 3, ii: 3, owner: 'COMPLIANCE_OFFICER', accept: 'expired' },
  { system: 'clinical', title: 'Under-triage of atypical cardiac presentations', category: 'nist.safe', il: 3, ii: 5, rl: 2, ri: 5, treatment: 'MITIGATE', owner: 'ENGINEER' },
  { system: 'clinical', title: 'Lower sensitivity for non-native speakers', category: 'nist.fair', il: 3, ii: 4, rl: 2, ri: 4, treatment: 'MITIGATE', owner: 'ENGINEER' },
  { system: 'clinical', title: 'Patient notes exposed in prompts to the LLM summariser', category: 'nist.privacy-enhanced', il: 2, ii: 5, rl: 1, ri: 5, treatment: 'MITIGATE', owner: 'COMPLIANCE_OFFICER' },
  { system: 'clinical', title: 'Prompt injection through referral letters', category: 'nist.secure-resilient', il: 3, ii: 4, owner: 'ENGINEER' },
  { system: 'clinical', title: 'Hallucinated vital signs in the summary', category: 'mit.misinformation', il: 2, ii: 5, rl: 1, ri: 4, treatment: 'MITIGATE', owner: 'ENGINEER' },
  { system: 'clinical', title: 'Nurses cannot see why a priority was given', category: 'nist.accountable-transparent', il: 4, ii: 3, owner: 'COMPLIANCE_OFFICER' },
  { system: 'clinical', title: 'Outage during peak hours falls back to paper', category: 'nist.valid-reliable', il: 2, ii: 3, owner: 'ENGINEER', accept: 'yes' },
  { system: 'clinical', title: 'Use outside the emergency department', category: 'mit.malicious-use', il: 2, ii: 4, rl: 1, ri: 4, treatment: 'AVOID', owner: 'COMPLIANCE_OFFICER' },
  { system: 'clinical', title: 'Energy use of nightly retraining', category: 'mit.socioeconomic-environmental', il: 5, ii: 1, owner: 'ENGINEER', accept: 'yes' },
  { system: 'recommender', title: 'Filter bubbles narrow product choice', category: 'mit.human-computer-interaction', il: 4, ii: 2, owner: 'ENGINEER' },
  { system: 'recommender', title: 'Sponsored items not disclosed as such', category: 'nist.accountable-transparent', il: 2, ii: 3, rl: 1, ri: 3, treatment: 'MITIGATE', owner: 'COMPLIANCE_OFFICER' },
  { system: 'recommender', title: 'Inference of health conditions from purchases', category: 'nist.privacy-enhanced', il: 3, ii: 4, rl: 2, ri: 3, treatment: 'MITIGATE', owner: 'ENGINEER' },
  { system: 'recommender', title: 'Fake reviews skew recommendations', category: 'mit.misinformation', il: 3, ii: 2, owner: 'ENGINEER', accept: 'yes' },
  { system: 'recommender', title: 'Cold start favours large sellers', category: 'mit.socioeconomic-environmental', il: 3, ii: 2, owner: 'ENGINEER' },
  { system: 'recommender', title: 'Scraping of the recommendation API', category: 'mit.malicious-use', il: 3, ii: 2, rl: 2, ri: 2, treatment: 'MITIGATE', owner: 'ENGINEER' },
  { system: 'recommender', title: 'Click-through drops after catalogue changes', category: 'nist.valid-reliable', il: 3, ii: 1, owner: 'ENGINEER' },
];

const SYSTEM_NAMES = { credit: 'Credit scoring model', clinical: 'Clinical triage assistant', recommender: 'Product recommender' } as const;
const DAY = 86_400_000;

export async function seedRisks(orgId: string, log: (line: string) => void = console.log): Promise<void> {
  if (await db.risk.findFirst({ where: { orgId }, select: { id: true } })) {
    log('seed: risk register already present');
    return;
  }
  const users = await db.user.findMany({ where: { orgId, email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const as = (role: string): Actor => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`seed: no demo ${role}`);
    return { kind: 'user', userId: u.id, tokenId: null, orgId: u.orgId, role: u.role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role], request: { id: 'seed', ip: null } };
  };
  const compliance = as('COMPLIANCE_OFFICER');
  const admin = as('ADMIN');
  const systems = await db.aISystem.findMany({ where: { orgId, name: { in: Object.values(SYSTEM_NAMES) } }, select: { id: true, name: true } });
  const systemId = (k: R['system']) => systems.find((s) => s.name === SYSTEM_NAMES[k])?.id;
  const control = await db.control.findFirst({ where: { orgId }, orderBy: { key: 'asc' }, select: { id: true } });
  const creditModel = await db.model.findFirst({ where: { orgId, key: 'credit-risk-gbm' }, select: { id: true } });
  const { createRisk, acceptRisk } = await import('@/lib/risks/mutations');

  for (const r of RISKS) {
    const sid = systemId(r.system);
    const treatment = r.treatment && (r.treatment !== 'MITIGATE' || control) ? r.treatment : undefined;
    const created = await createRisk(compliance, {
      title: r.title,
      description: `${r.title}. Identified in the ${SYSTEM_NAMES[r.system].toLowerCase()} risk workshop.`,
      category: r.category,
      inherentLikelihood: r.il,
      inherentImpact: r.ii,
      residualLikelihood: treatment ? r.rl : undefined,
      residualImpact: treatment ? r.ri : undefined,
      treatment: treatment ?? 'UNDECIDED',
      treatmentPlan: treatment === 'MITIGATE' ? 'Controls linked below; the work is tracked as treatment tasks.' : undefined,
      ownerId: as(r.owner).userId!,
      reviewCadenceDays: r.il * r.ii >= 15 ? 30 : 90,
      systemIds: sid ? [sid] : [],
      modelIds: r.system === 'credit' && creditModel ? [creditModel.id] : [],
      controlIds: treatment === 'MITIGATE' && control ? [control.id] : [],
    });
    if (r.accept) {
      // The approver is never the owner: compliance accepts the engineer's risks, the administrator compliance's.
      const approver = r.owner === 'COMPLIANCE_OFFICER' ? admin : compliance;
      await acceptRisk(approver, { id: created.id, rationale: 'Within appetite; compensating monitoring in place.', expiresAt: new Date(Date.now() + 180 * DAY).toISOString().slice(0, 10) });
      if (r.accept === 'expired') {
        // An acceptance that ran out yesterday: reads show the risk open, the scheduled job reopens it.
        await db.risk.update({ where: { id: created.id }, data: { acceptedAt: new Date(Date.now() - 200 * DAY), acceptanceExpiresAt: new Date(Date.now() - DAY) } });
      }
    }
  }
  // Treatment tasks on the first mitigated credit risk: one done, one open.
  const mitigated = await db.risk.findFirst({ where: { orgId, treatment: 'MITIGATE', systems: { some: { system: { name: SYSTEM_NAMES.credit } } } }, orderBy: { ref: 'asc' }, select: { id: true, ownerId: true } });
  if (mitigated) {
    const { addRiskTask, setRiskTaskStatus } = await import('@/lib/risks/task-mutations');
    const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
    const done = await addRiskTask(compliance, { riskId: mitigated.id, title: 'Add monotonic constraints to the income features', ownerId: as('ENGINEER').userId!, dueDate: day(7) });
    await setRiskTaskStatus(as('ENGINEER'), { id: done.id, status: 'DONE' });
    await addRiskTask(compliance, { riskId: mitigated.id, title: 'Retest the perturbation attack after the change', ownerId: compliance.userId!, dueDate: day(21) });
  }
  // One risk overdue for review, for the quarterly review and the filters.
  await db.risk.updateMany({ where: { orgId, title: RISKS[4].title }, data: { nextReviewAt: new Date(Date.now() - 10 * DAY) } });
  log(`seed: risk register with ${RISKS.length} risks`);
}
