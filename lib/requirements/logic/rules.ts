import type { Status } from '../schema/vocabulary';

// Pure rules of the domain, unit-tested in logic.test.ts.

/** Frameworks suggested for an AI system from where it runs and what it does. */
export function suggestFrameworks(system: { regions: readonly string[]; domain: string; cardPayments?: boolean }): string[] {
  const out = new Set<string>(['nist-ai-rmf', 'iso-42001']);
  const eu = system.regions.includes('EU');
  const us = system.regions.includes('US');
  if (eu) {
    out.add('gdpr');
    out.add('eu-ai-act');
  }
  if (us && system.domain === 'HEALTHCARE') {
    out.add('hipaa-security');
    out.add('fda-aiml-samd');
  }
  if (us && system.domain === 'FINANCE') {
    out.add('glba-safeguards');
    out.add('sox-itgc');
  }
  if (us && (system.domain === 'ECOMMERCE' || system.domain === 'HR')) out.add('ccpa-cpra');
  if (us) out.add('soc2');
  if (system.cardPayments || system.domain === 'ECOMMERCE') out.add('pci-dss');
  return [...out];
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
