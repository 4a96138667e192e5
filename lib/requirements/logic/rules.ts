import type { ApplicabilityRule } from '../library-schema';
import type { Status } from '../schema/vocabulary';

// Pure rules of the domain, unit-tested in logic.test.ts.

export type SuggestionInput = { regions: readonly string[]; domain: string; riskTier?: string; roles?: readonly string[]; cardPayments?: boolean };

/** Whether one applicability rule holds for a system (every condition it states must hold). */
export function ruleHolds(rule: ApplicabilityRule, system: SuggestionInput): boolean {
  if (rule.regions && !rule.regions.some((r) => system.regions.includes(r))) return false;
  if (rule.domains && !(rule.domains as readonly string[]).includes(system.domain)) return false;
  if (rule.riskTiers && !(system.riskTier && (rule.riskTiers as readonly string[]).includes(system.riskTier))) return false;
  // Roles narrow only when the system states its roles.
  if (rule.roles && system.roles?.length && !rule.roles.some((r) => system.roles!.includes(r))) return false;
  if (rule.cardPayments && !system.cardPayments) return false;
  return true;
}

/** Frameworks suggested for an AI system from the shipped frameworks' applicability rules (any rule that holds). */
export function suggestFrameworks(system: SuggestionInput, frameworks: readonly { key: string; applicability: readonly ApplicabilityRule[] }[]): string[] {
  return frameworks.filter((f) => f.applicability.some((rule) => ruleHolds(rule, system))).map((f) => f.key);
}

/**
 * A requirement that takes its status from its controls: all compliant →
 * compliant; any non-compliant → non-compliant; some progress → partial;
 * nothing assessed → not assessed. Not-applicable controls are ignored.
 */
export function statusFromControls(statuses: readonly Status[]): Status {
  const relevant = statuses.filter((s) => s !== 'NOT_APPLICABLE');
  if (relevant.length === 0) return statuses.length ? 'NOT_APPLICABLE' : 'NOT_ASSESSED';
  if (relevant.some((s) => s === 'NON_COMPLIANT')) return 'NON_COMPLIANT';
  if (relevant.every((s) => s === 'COMPLIANT')) return 'COMPLIANT';
  if (relevant.some((s) => s === 'COMPLIANT' || s === 'PARTIALLY_COMPLIANT')) return 'PARTIALLY_COMPLIANT';
  return 'NOT_ASSESSED';
}

export function nextDue(from: Date, cadenceDays: number): Date {
  return new Date(from.getTime() + cadenceDays * 86_400_000);
}
