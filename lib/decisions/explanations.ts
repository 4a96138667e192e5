import { ADDITIVE_METHODS, type ExplanationStatus } from './schema';

// Explanation checks at ingestion: additive attributions must add up to the
// model output; the top factor is the attribution largest in size.

export type ExplanationInput = { method: string; baseValue: number; attributions: Record<string, number>; additive?: boolean };

export type ExplanationCheck = { status: ExplanationStatus; error: number | null; topFactor: string | null };

export function topFactorOf(attributions: Record<string, number>): string | null {
  let best: string | null = null;
  let size = -1;
  for (const [name, value] of Object.entries(attributions)) {
    if (Math.abs(value) > size) {
      size = Math.abs(value);
      best = name;
    }
  }
  return best;
}

/** |base + Σ attributions − output| against the tolerance, for additive methods with a numeric output. */
export function checkExplanation(explanation: ExplanationInput | undefined, output: number | undefined, tolerance: number): ExplanationCheck {
  if (!explanation) return { status: 'MISSING', error: null, topFactor: null };
  const topFactor = topFactorOf(explanation.attributions);
  const additive = explanation.additive ?? ADDITIVE_METHODS.test(explanation.method);
  if (!additive || output === undefined) return { status: 'UNCHECKED', error: null, topFactor };
  let sum = explanation.baseValue;
  for (const v of Object.values(explanation.attributions)) sum += v;
  const error = Math.abs(sum - output);
  return { status: error <= tolerance ? 'VALID' : 'NOT_ADDITIVE', error, topFactor };
}

/** The one factor every explained decision shares as its top factor, if there are enough of them to mean something. */
export function constantTopFactor(topFactors: readonly (string | null)[], minimum = 20): string | null {
  const present = topFactors.filter((f): f is string => f !== null);
  if (present.length < minimum) return null;
  return present.every((f) => f === present[0]) ? present[0] : null;
}
