// The risk tier of a vendor, from a short questionnaire the compliance team
// answers. Safe for the client. Points add up; the thresholds are the tiers.

export const TIER_QUESTIONS = [
  { key: 'personalData', text: 'The vendor receives personal data', points: 2 },
  { key: 'sensitiveData', text: 'The vendor receives special-category, health or financial data', points: 3 },
  { key: 'highRiskSystem', text: 'The vendor supports a high-risk AI system (EU AI Act Annex III)', points: 3 },
  { key: 'trainsOnOurData', text: 'The vendor may train its models on our data', points: 2 },
  { key: 'customerFacing', text: 'The vendor’s output reaches customers without human review', points: 2 },
  { key: 'noAlternative', text: 'We could not replace the vendor within three months', points: 1 },
] as const;

export type TierAnswers = Partial<Record<(typeof TIER_QUESTIONS)[number]['key'], boolean>>;
export const RISK_TIERS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export function tierScore(answers: TierAnswers): number {
  return TIER_QUESTIONS.reduce((sum, q) => sum + (answers[q.key] ? q.points : 0), 0);
}

/** 0–1 low, 2–4 medium, 5–7 high, 8+ critical. */
export function tierFor(answers: TierAnswers): RiskTier {
  const s = tierScore(answers);
  if (s >= 8) return 'CRITICAL';
  if (s >= 5) return 'HIGH';
  if (s >= 2) return 'MEDIUM';
  return 'LOW';
}
