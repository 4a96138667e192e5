import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import type { Tx } from '@/lib/db';
import { db } from '@/lib/db';
import { DEFAULT_GATE_POLICY, NO_GATE_FACTS, gatePolicySchema, type GateFacts, type GatePolicy } from './gate-rules';

// Loading the gate policy and its facts; the rules themselves are in gate-rules.ts (pure).

type Client = Tx | typeof db;

export async function loadGatePolicy(client: Client, orgId: string): Promise<GatePolicy> {
  const row = await client.gatePolicy.findUnique({ where: { orgId } });
  return row ? gatePolicySchema.parse({ requireMonitor: row.requireMonitor, minExplanationCoverage: row.minExplanationCoverage, requireRedTeam: row.requireRedTeam, maxCriticalVulnerabilityAgeDays: row.maxCriticalVulnerabilityAgeDays }) : DEFAULT_GATE_POLICY;
}

/** The facts for one version. Domains add their fact here, one query each, only when its condition is on. */
export async function loadGateFacts(client: Client, v: { id: string; orgId: string; model: { system: { riskTier: string } } }): Promise<GateFacts> {
  const highRisk = v.model.system.riskTier === 'HIGH';
  if (!highRisk) return { ...NO_GATE_FACTS };
  const policy = await loadGatePolicy(client, v.orgId);
  const facts: GateFacts = { highRisk, policy };
  // Each domain fills its own fact below (monitorConfigured, explanationCoverage, redTeam, oldestCriticalVulnerabilityDays).
  // Monitoring: a monitor with at least one watched metric (read here: the monitoring domain imports this one).
  if (policy.requireMonitor) facts.monitorConfigured = (await client.monitorMetric.count({ where: { monitor: { versionId: v.id } } })) > 0;
  // Decision log: the share of the version's logged decisions with a valid explanation (additive and adding up,
  // or present for a method that is not additive); null when none were logged. One index range read on (versionId, decidedAt).
  if (policy.minExplanationCoverage != null) {
    const counts = await client.decision.groupBy({ by: ['explanationStatus'], where: { orgId: v.orgId, versionId: v.id }, _count: { _all: true } });
    const total = counts.reduce((n, c) => n + c._count._all, 0);
    const covered = counts.filter((c) => c.explanationStatus === 'VALID' || c.explanationStatus === 'UNCHECKED').reduce((n, c) => n + c._count._all, 0);
    facts.explanationCoverage = total === 0 ? null : covered / total;
  }
  // Vulnerability scans (lib/interchange/vulnerability-scans.ts): the oldest critical finding open in the version's latest scan.
  if (policy.maxCriticalVulnerabilityAgeDays != null) facts.oldestCriticalVulnerabilityDays = await oldestCriticalVulnerabilityDays(client, v.id);
  // Red team: the last completed exercise on this version passes when no technique succeeded (partial results do not fail it).
  // One index read on (versionId, completedAt); the threats domain writes the exercises.
  if (policy.requireRedTeam) {
    const last = await client.redTeamExercise.findFirst({
      where: { orgId: v.orgId, versionId: v.id, completedAt: { not: null } },
      orderBy: { completedAt: 'desc' },
      select: { completedAt: true, techniques: { where: { result: 'SUCCEEDED' }, select: { id: true }, take: 1 } },
    });
    facts.redTeam = last?.completedAt ? { passed: last.techniques.length === 0, at: last.completedAt } : null;
  }
  return facts;
}

/**
 * Age in days of the oldest critical vulnerability in the version's latest
 * scan (a finding's age counts from the first scan that reported it); null
 * when that scan has none; undefined when the version was never scanned.
 */
export async function oldestCriticalVulnerabilityDays(client: Client, versionId: string, now = new Date()): Promise<number | null | undefined> {
  const latest = await client.vulnerabilityScan.findFirst({ where: { modelVersionId: versionId }, orderBy: [{ scannedAt: 'desc' }, { createdAt: 'desc' }], select: { id: true } });
  if (!latest) return undefined;
  const oldest = await client.vulnerabilityFinding.aggregate({ where: { scanId: latest.id, severity: 'CRITICAL' }, _min: { firstSeenAt: true } });
  return oldest._min.firstSeenAt ? Math.floor((now.getTime() - oldest._min.firstSeenAt.getTime()) / 86_400_000) : null;
}

/** Admin → Gate policy. */
export async function getGatePolicy(actor: Actor) {
  authorize(actor, 'models:read');
  const [policy, row] = await Promise.all([loadGatePolicy(db, actor.orgId), db.gatePolicy.findUnique({ where: { orgId: actor.orgId }, select: { updatedAt: true } })]);
  return { policy, updatedAt: row?.updatedAt ?? null, capabilities: { canEdit: can(actor, 'models:promote') } };
}
