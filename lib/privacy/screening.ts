// DPIA screening against the nine criteria of the EDPB-endorsed WP29
// guidelines (WP248 rev.01, section III.B.a): processing meeting two or more
// criteria is likely to result in a high risk, so a DPIA is required. Pure.

export const SCREENING_CRITERIA = {
  evaluationScoring: 'Evaluation or scoring, including profiling and predicting',
  automatedDecision: 'Automated decision-making with legal or similarly significant effect',
  systematicMonitoring: 'Systematic monitoring',
  sensitiveData: 'Sensitive data or data of a highly personal nature',
  largeScale: 'Data processed on a large scale',
  matchingCombining: 'Matching or combining datasets',
  vulnerableSubjects: 'Data concerning vulnerable data subjects',
  innovativeTechnology: 'Innovative use or applying new technological or organisational solutions',
  preventsRights: 'Processing that prevents data subjects from exercising a right or using a service or contract',
} as const;
export type ScreeningCriterion = keyof typeof SCREENING_CRITERIA;
export const SCREENING_KEYS = Object.keys(SCREENING_CRITERIA) as ScreeningCriterion[];

export type ScreeningOutcome = {
  met: ScreeningCriterion[];
  required: boolean;
  /** Profiling or automated decisions: Art. 22 safeguards and a human-review route apply. */
  automatedDecisionFlag: boolean;
  reason: string;
};

export function screen(criteria: readonly string[]): ScreeningOutcome {
  const met = SCREENING_KEYS.filter((k) => criteria.includes(k));
  const required = met.length >= 2;
  const automatedDecisionFlag = met.includes('evaluationScoring') || met.includes('automatedDecision');
  const reason = required
    ? `${met.length} of the nine WP248 criteria are met: a DPIA is required (Art. 35(1)).`
    : met.length === 1
      ? 'One criterion is met: a DPIA is not presumed required; record why the processing is not high risk.'
      : 'No criterion is met.';
  return { met, required, automatedDecisionFlag, reason };
}

export type Risk = { title: string; likelihood: number; severity: number; measures: string; controlIds: string[]; residualLikelihood: number; residualSeverity: number };

export type RiskLevel = 'low' | 'medium' | 'high';
/** Likelihood × severity on 1–4 scales: 1–3 low, 4–8 medium, 9–16 high. */
export function riskLevel(likelihood: number, severity: number): RiskLevel {
  const score = likelihood * severity;
  return score >= 9 ? 'high' : score >= 4 ? 'medium' : 'low';
}

/** The highest residual risk across the risks (low when there are none). */
export function residualRisk(risks: readonly Risk[]): RiskLevel {
  const order: RiskLevel[] = ['low', 'medium', 'high'];
  return risks.reduce<RiskLevel>((top, r) => {
    const level = riskLevel(r.residualLikelihood, r.residualSeverity);
    return order.indexOf(level) > order.indexOf(top) ? level : top;
  }, 'low');
}
