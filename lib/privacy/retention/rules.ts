import type { MinimisationReason } from '../schema';

// Pure retention and minimisation rules (no database): which rule applies to a
// dataset, when its data is due for deletion, and why a dataset belongs in the
// owner's quarterly minimisation review.

const DAY = 86_400_000;

export type RuleLike = { id: string; datasetId: string | null; category: string | null; periodDays: number; event: 'COLLECTED' | 'EVENT_DATE'; eventName: string; eventAt: Date | null; keepBasis: string };
export type DatasetLike = { id: string; createdAt: Date; personalDataCategories: string[] };

/**
 * The dataset's own rule wins; otherwise, of the rules for the personal-data
 * categories it carries, the one giving the earliest deletion date (the
 * strictest). Null when no rule applies or the named event has no date yet.
 */
export function retentionDue(dataset: DatasetLike, rules: readonly RuleLike[]): { rule: RuleLike; dueAt: Date; from: string } | null {
  const own = rules.find((r) => r.datasetId === dataset.id);
  const cats = new Set(dataset.personalDataCategories.map((c) => c.toLowerCase()));
  const candidates = own ? [own] : rules.filter((r) => !r.datasetId && r.category && cats.has(r.category.toLowerCase()));
  let best: { rule: RuleLike; dueAt: Date; from: string } | null = null;
  for (const rule of candidates) {
    const base = rule.event === 'EVENT_DATE' ? rule.eventAt : dataset.createdAt;
    if (!base) continue;
    const dueAt = new Date(base.getTime() + rule.periodDays * DAY);
    if (!best || dueAt < best.dueAt) best = { rule, dueAt, from: rule.event === 'EVENT_DATE' ? rule.eventName : 'collection' };
  }
  return best;
}

const DEV_LOCATION = /\b(dev|development|staging|test|testing|sandbox|qa)\b/i;

/** "Storing raw sensitive data in development environments": restricted or confidential personal data in a development location. */
export function isDevelopmentCopy(d: { name: string; storageLocation: string; classification: string; personalData: boolean }): boolean {
  return d.personalData && (d.classification === 'RESTRICTED' || d.classification === 'CONFIDENTIAL') && (DEV_LOCATION.test(d.storageLocation) || DEV_LOCATION.test(d.name));
}

/** Why a dataset goes into the owner's minimisation review (empty: it does not). */
export function minimisationReasons(
  d: DatasetLike & { name: string; storageLocation: string; classification: string; personalData: boolean; deletionDate: Date | null; lastUsedAt: Date | null },
  rules: readonly RuleLike[],
  now: Date,
  recentSince: Date,
): MinimisationReason[] {
  const reasons: MinimisationReason[] = [];
  const due = retentionDue(d, rules)?.dueAt ?? null;
  if ((due && due <= now) || (d.deletionDate && d.deletionDate <= now)) reasons.push('PAST_RETENTION');
  if (!d.lastUsedAt || d.lastUsedAt < recentSince) reasons.push('NO_RECENT_USE');
  if (isDevelopmentCopy(d)) reasons.push('DEVELOPMENT_COPY');
  return reasons;
}
