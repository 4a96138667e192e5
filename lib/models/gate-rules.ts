import { z } from 'zod';

/**
 * The organisation's optional promotion-gate conditions. They apply only to
 * versions of AI systems in the HIGH risk tier, at the step into PRODUCTION,
 * and every one is off until an administrator or compliance officer turns it
 * on (Admin → Gate policy). Each condition's fact comes from its own domain:
 * `loadGateFacts` (gate-policy.ts) reads that domain's table directly, because the domains
 * that supply the facts (monitoring, decisions, threats, scans) import the
 * models domain and the models domain cannot import them back.
 */
export const gatePolicySchema = z.object({
  requireMonitor: z.boolean(),
  /** Share (0–1) of the version's logged decisions that carry a valid explanation. */
  minExplanationCoverage: z.number().min(0).max(1).nullable(),
  requireRedTeam: z.boolean(),
  /** A critical vulnerability in the system's latest scan may be at most this many days old. */
  maxCriticalVulnerabilityAgeDays: z.number().int().min(0).max(3650).nullable(),
});
export type GatePolicy = z.infer<typeof gatePolicySchema>;

export const DEFAULT_GATE_POLICY: GatePolicy = { requireMonitor: false, minExplanationCoverage: null, requireRedTeam: false, maxCriticalVulnerabilityAgeDays: null };

/**
 * What the conditions are checked against. `undefined` for a fact means its
 * domain has not supplied it: the condition then counts as unmet when it is
 * on (an unknown is not a pass).
 */
export type GateFacts = {
  highRisk: boolean;
  policy: GatePolicy;
  /** A monitor is configured and active for the version. */
  monitorConfigured?: boolean;
  /** Share of the version's decisions with a valid explanation; null when none were logged. */
  explanationCoverage?: number | null;
  /** The version's last red-team exercise: passed when no tested technique succeeded. */
  redTeam?: { passed: boolean; at: Date } | null;
  /** Age in days of the oldest open critical vulnerability; null when there is none. */
  oldestCriticalVulnerabilityDays?: number | null;
};

export const NO_GATE_FACTS: GateFacts = { highRisk: false, policy: DEFAULT_GATE_POLICY };

const pct = (n: number) => `${Math.round(n * 1000) / 10} %`;

/** The unmet gate-policy conditions, as reasons; empty when the system is not high-risk. */
export function gatePolicyReasons(f: GateFacts): string[] {
  if (!f.highRisk) return [];
  const reasons: string[] = [];
  const p = f.policy;
  if (p.requireMonitor && f.monitorConfigured !== true) reasons.push('No monitor is configured for this version (the gate policy requires one for high-risk systems).');
  if (p.minExplanationCoverage != null) {
    const c = f.explanationCoverage;
    if (c == null) reasons.push(`No logged decisions show the version’s explanation coverage (the gate policy requires at least ${pct(p.minExplanationCoverage)} for high-risk systems).`);
    else if (c < p.minExplanationCoverage) reasons.push(`Explanation coverage is ${pct(c)}, below the ${pct(p.minExplanationCoverage)} the gate policy requires for high-risk systems.`);
  }
  if (p.requireRedTeam) {
    if (!f.redTeam) reasons.push('No red-team exercise has tested this version (the gate policy requires one for high-risk systems).');
    else if (!f.redTeam.passed) reasons.push('The last red-team exercise on this version found a technique that succeeded.');
  }
  if (p.maxCriticalVulnerabilityAgeDays != null && f.oldestCriticalVulnerabilityDays === undefined) {
    reasons.push('No vulnerability scan is recorded for the system (the gate policy limits the age of critical vulnerabilities for high-risk systems).');
  } else if (p.maxCriticalVulnerabilityAgeDays != null && f.oldestCriticalVulnerabilityDays != null && f.oldestCriticalVulnerabilityDays > p.maxCriticalVulnerabilityAgeDays) {
    reasons.push(`A critical vulnerability has been open for ${f.oldestCriticalVulnerabilityDays} days; the gate policy allows at most ${p.maxCriticalVulnerabilityAgeDays} for high-risk systems.`);
  }
  return reasons;
}
