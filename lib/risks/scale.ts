// The 5 × 5 scale and the scoring rules, pure: the mutations refuse with
// these functions and the pages show their results.

export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];
export type Axis = 'LIKELIHOOD' | 'IMPACT';
export type ScaleLevel = { axis: Axis; level: number; label: string; description: string };

/** The shipped wording; an organisation's admins may reword each level. */
export const DEFAULT_SCALE: readonly ScaleLevel[] = [
  { axis: 'LIKELIHOOD', level: 1, label: 'Rare', description: 'Not expected in the next three years.' },
  { axis: 'LIKELIHOOD', level: 2, label: 'Unlikely', description: 'Could happen once in the next three years.' },
  { axis: 'LIKELIHOOD', level: 3, label: 'Possible', description: 'Could happen once a year.' },
  { axis: 'LIKELIHOOD', level: 4, label: 'Likely', description: 'Expected several times a year.' },
  { axis: 'LIKELIHOOD', level: 5, label: 'Almost certain', description: 'Expected monthly or is already happening.' },
  { axis: 'IMPACT', level: 1, label: 'Negligible', description: 'No harm to people; no regulatory interest.' },
  { axis: 'IMPACT', level: 2, label: 'Minor', description: 'Small, reversible harm to a few people; internal follow-up.' },
  { axis: 'IMPACT', level: 3, label: 'Moderate', description: 'Harm to a group of people or a reportable compliance breach.' },
  { axis: 'IMPACT', level: 4, label: 'Major', description: 'Serious harm, regulator action or significant fines.' },
  { axis: 'IMPACT', level: 5, label: 'Severe', description: 'Irreversible harm to people, prohibited practice or existential loss.' },
];

export type Band = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export const BAND_LABELS: Record<Band, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', CRITICAL: 'Critical' };

export const score = (likelihood: number, impact: number) => likelihood * impact;

/** 1–4 low, 5–9 medium, 10–14 high, 15–25 critical. */
export function band(s: number): Band {
  if (s >= 15) return 'CRITICAL';
  if (s >= 10) return 'HIGH';
  if (s >= 5) return 'MEDIUM';
  return 'LOW';
}

export type Scores = { inherentLikelihood: number; inherentImpact: number; residualLikelihood: number | null; residualImpact: number | null };
export type Treatment = 'UNDECIDED' | 'MITIGATE' | 'ACCEPT' | 'TRANSFER' | 'AVOID';

/**
 * The residual rules, as field errors (empty when the scores hold):
 * residual likelihood and impact come as a pair, neither exceeds its inherent
 * value (a treatment never makes a risk worse), a mitigated, transferred or
 * avoided risk states its residual (an accepted one keeps its inherent), and mitigating names at least one control.
 */
export function scoreProblems(s: Scores, treatment: Treatment, controlCount: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const hasL = s.residualLikelihood != null;
  const hasI = s.residualImpact != null;
  if (hasL !== hasI) out[hasL ? 'residualImpact' : 'residualLikelihood'] = ['Give residual likelihood and impact together'];
  if (hasL && s.residualLikelihood! > s.inherentLikelihood) out.residualLikelihood = ['The residual likelihood cannot exceed the inherent likelihood'];
  if (hasI && s.residualImpact! > s.inherentImpact) out.residualImpact = ['The residual impact cannot exceed the inherent impact'];
  if (treatment !== 'UNDECIDED' && treatment !== 'ACCEPT' && !hasL && !hasI) out.residualLikelihood = ['A treated risk states its residual likelihood and impact'];
  if (treatment === 'MITIGATE' && controlCount === 0) out.controlIds = ['Link at least one control that mitigates the risk'];
  return out;
}

/** The scale with the organisation's wording over the shipped one. */
export function mergeScale(custom: readonly ScaleLevel[]): ScaleLevel[] {
  return DEFAULT_SCALE.map((d) => custom.find((c) => c.axis === d.axis && c.level === d.level) ?? d);
}

const DAY = 86_400_000;
/** The next review after `from`, `cadenceDays` later, at 00:00 UTC. */
export function nextReview(from: Date, cadenceDays: number): Date {
  const d = new Date(from.getTime() + cadenceDays * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
