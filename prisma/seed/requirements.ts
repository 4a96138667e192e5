import { systemActor, userActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { loadLibrary } from '@/lib/requirements/library';
import { assignOwners, bulkUpdateCells, createSystem, recordReview, setSystemFrameworks, updateControl, updateRequirement } from '@/lib/requirements/mutations';
import type { Status } from '@/lib/requirements/schema';
import { DEMO_USERS } from './demo-accounts';

const SYSTEMS = [
  {
    name: 'Clinical triage assistant',
    purpose: 'Ranks incoming emergency-department referrals by urgency from symptoms and vitals, for a clinician to confirm.',
    domain: 'HEALTHCARE',
    regions: ['EU', 'US'],
    riskTier: 'HIGH',
    status: 'IN_PRODUCTION',
    technical: 'engineer@acme.example',
    business: 'compliance@acme.example',
  },
  {
    name: 'Credit scoring model',
    purpose: 'Scores consumer credit applications for default risk; decisions above a threshold go to an underwriter.',
    domain: 'FINANCE',
    regions: ['US', 'EU'],
    riskTier: 'HIGH',
    status: 'IN_PRODUCTION',
    technical: 'admin@acme.example',
    business: 'compliance@acme.example',
  },
  {
    name: 'Product recommender',
    purpose: 'Recommends products in the online shop from browsing and purchase history.',
    domain: 'ECOMMERCE',
    regions: ['US'],
    riskTier: 'MINIMAL',
    status: 'IN_DEVELOPMENT',
    technical: 'engineer@acme.example',
    business: 'admin@acme.example',
  },
] as const;

const LARGE_CATALOGUES = ['nist-sp-800-53-', 'nist-csf-2', 'nist-ai-600-1'];

/** Deterministic spread so every start shows the same living matrix. */
function pick(i: number, j: number): Status {
  const n = (i * 7 + j * 13) % 20;
  if (n < 8) return 'COMPLIANT';
  if (n < 11) return 'PARTIALLY_COMPLIANT';
  if (n < 13) return 'NON_COMPLIANT';
  if (n < 14) return 'NOT_APPLICABLE';
  return 'NOT_ASSESSED';
}

/** The library, three AI systems, a spread of assessments, owners, reviews (some overdue) and control statuses. */
export async function seedRequirements(orgId: string, log: (line: string) => void = console.log): Promise<void> {
  const have = await db.framework.count({ where: { orgId } });
  if (have > 0) {
    log('seed: requirements library already present');
    return;
  }
  // The compliance officer does the demo's work, so every record and event names a person.
  const officer = await db.user.findFirst({ where: { orgId, role: 'COMPLIANCE_OFFICER', active: true }, orderBy: { createdAt: 'asc' }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const actor: Actor = officer ? userActor(officer, { id: 'seed', ip: null }) : systemActor(orgId, 'seed');
  const report = await loadLibrary(actor);
  log(`seed: library loaded (${report.frameworks.length} frameworks, ${report.crosswalkCreated} crosswalk mappings, ${report.controlsCreated} controls)`);

  const users = await db.user.findMany({ where: { orgId, email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, email: true } });
  const userId = (email: string) => users.find((u) => u.email === email)?.id;

  for (const [si, s] of SYSTEMS.entries()) {
    const created = await createSystem(actor, {
      name: s.name,
      purpose: s.purpose,
      domain: s.domain,
      regions: [...s.regions],
      riskTier: s.riskTier,
      status: s.status,
      technicalOwnerId: userId(s.technical),
      businessOwnerId: userId(s.business),
      cardPayments: s.domain === 'ECOMMERCE',
    });
    // The clinical triage system's suggestions are confirmed; the others wait for compliance.
    if (si < 2) await setSystemFrameworks(actor, { systemId: created.id, frameworkKeys: created.suggestedFrameworks });
    // The large control catalogues (SP 800-53 baselines, CSF 2.0, AI 600-1's actions) stay unassessed in the demo, so the seed stays quick.
    const assessed = created.suggestedFrameworks.filter((k) => !LARGE_CATALOGUES.some((p) => k.startsWith(p)));
    const reqs = await db.requirement.findMany({
      where: { orgId, framework: { key: { in: assessed } } },
      orderBy: [{ framework: { key: 'asc' } }, { position: 'asc' }],
      select: { id: true },
    });
    const byStatus = new Map<Status, string[]>();
    reqs.forEach((r, i) => {
      const st = pick(i, si);
      if (st !== 'NOT_ASSESSED') (byStatus.get(st) ?? byStatus.set(st, []).get(st)!).push(r.id);
    });
    for (const [status, ids] of byStatus) {
      await bulkUpdateCells(actor, {
        cells: ids.map((requirementId) => ({ requirementId, systemId: created.id })),
        status,
        justification: status === 'NOT_APPLICABLE' ? 'The system does not process this kind of data or run this kind of process.' : undefined,
        reason: 'Initial assessment (demo data)',
      });
    }
  }

  // Owners: compliance owns the regulations, the engineer the technical standards, some left unowned.
  const reqs = await db.requirement.findMany({ where: { orgId }, orderBy: [{ framework: { key: 'asc' } }, { position: 'asc' }], select: { id: true, framework: { select: { key: true } } } });
  const owned = (keys: string[]) => reqs.filter((r, i) => keys.includes(r.framework.key) && i % 5 !== 0).map((r) => r.id);
  const compliance = userId('compliance@acme.example');
  const engineer = userId('engineer@acme.example');
  if (compliance) await assignOwners(actor, { ids: owned(['eu-ai-act', 'gdpr', 'hipaa-security', 'ccpa-cpra', 'glba-safeguards', 'sox-itgc']), ownerId: compliance, reason: 'Demo ownership' });
  if (engineer) await assignOwners(actor, { ids: owned(['nist-ai-rmf', 'iso-42001', 'fda-aiml-samd']), ownerId: engineer, reason: 'Demo ownership' });

  // Reviews: recent attestations, and a few old ones that are now overdue.
  const ownedReqs = await db.requirement.findMany({ where: { orgId, ownerId: { not: null } }, orderBy: [{ framework: { key: 'asc' } }, { position: 'asc' }], select: { id: true }, take: 40 });
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  for (const [i, r] of ownedReqs.entries()) {
    await recordReview(actor, { requirementId: r.id, outcome: i % 7 === 3 ? 'CHANGES_NEEDED' : 'CONFIRMED', notes: i < 6 ? 'Reviewed against the current system documentation.' : undefined, reviewedOn: day(i < 8 ? 120 + i * 3 : 5 + (i % 30)) });
  }

  // Controls: implementation status and owners; two requirements take their status from controls.
  const controls = await db.control.findMany({ where: { orgId }, orderBy: { key: 'asc' }, select: { id: true, mappings: { select: { requirementId: true }, take: 1 } } });
  const controlStatuses: Status[] = ['COMPLIANT', 'COMPLIANT', 'PARTIALLY_COMPLIANT', 'COMPLIANT', 'NON_COMPLIANT', 'COMPLIANT', 'PARTIALLY_COMPLIANT', 'COMPLIANT'];
  for (const [i, c] of controls.entries()) {
    await updateControl(actor, { id: c.id, status: controlStatuses[i % controlStatuses.length], ownerId: i % 3 === 2 ? undefined : i % 2 ? engineer : compliance });
  }
  for (const c of controls.slice(0, 2)) {
    if (c.mappings[0]) await updateRequirement(actor, { id: c.mappings[0].requirementId, statusFromControls: true });
  }
  log('seed: requirements matrix demo data created');
}
