// The warning rule, pure: a warning once 80 % (configurable) of the way from
// the ideal to the threshold, a breach past the threshold.

export type Direction = 'AT_LEAST' | 'AT_MOST';
export type Level = 'OK' | 'WARNING' | 'BREACH';

export const DEFAULT_WARNING_RATIO = 0.8;

/**
 * Where the warning band starts. For "≤ T" metrics (error rates, parity
 * differences) the ideal is 0, so the warning is at 80 % of the threshold
 * (≤ 0.1 warns from 0.08). For "≥ T" metrics the ideal is 1 (rates, AUC,
 * disparate impact) or, when the threshold is above 1, the baseline: the
 * warning is where 80 % of the room between ideal and threshold is used
 * (≥ 0.8 warns from 0.84).
 */
export function warningPoint(direction: Direction, threshold: number, ratio = DEFAULT_WARNING_RATIO, baseline?: number | null): number {
  const ideal = direction === 'AT_MOST' ? 0 : threshold <= 1 ? 1 : (baseline ?? threshold / ratio);
  return ideal + ratio * (threshold - ideal);
}

// 0.8 × 0.1 is 0.08000000000000002 in binary: compare with a tolerance so the rule reads as written.
const EPS = 1e-9;

export function judge(direction: Direction, value: number, threshold: number, ratio = DEFAULT_WARNING_RATIO, baseline?: number | null): Level {
  const warnAt = warningPoint(direction, threshold, ratio, baseline);
  if (direction === 'AT_LEAST') return value < threshold - EPS ? 'BREACH' : value <= warnAt + EPS ? 'WARNING' : 'OK';
  return value > threshold + EPS ? 'BREACH' : value >= warnAt - EPS ? 'WARNING' : 'OK';
}

/** Drift: a p-value method breaches below its threshold and warns below threshold ÷ ratio (0.05 → 0.0625); a distance warns from 80 % of it. */
export function judgeDrift(pValueMethod: boolean, score: number, threshold: number, ratio = DEFAULT_WARNING_RATIO): Level {
  if (pValueMethod) return score < threshold - EPS ? 'BREACH' : score < threshold / ratio - EPS ? 'WARNING' : 'OK';
  return score >= threshold - EPS ? 'BREACH' : score >= threshold * ratio - EPS ? 'WARNING' : 'OK';
}

export function worse(a: Level, b: Level): Level {
  const rank = { OK: 0, WARNING: 1, BREACH: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}
