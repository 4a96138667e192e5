// The promotion rules, pure: given what a version has, list every unmet
// condition for a target stage. Queries load the snapshot; mutations and the
// CI/CD deploy-check API call this, so the page, the API and the promotion agree.
import type { CheckResult } from './fairness';
import { gatePolicyReasons, type GateFacts } from './gate-rules';
import { CARD_SECTIONS, STAGES, type ModelCard, type Stage } from './schema';

export type PromotionSnapshot = {
  stage: Stage;
  createdById: string;
  artifactDigest: string | null;
  modelCard: ModelCard;
  metrics: { name: string; value: number; threshold: number | null; direction: 'AT_LEAST' | 'AT_MOST' }[];
  checks: CheckResult[];
  /** "attribute|CHECK" of accepted mitigations. */
  mitigated: ReadonlySet<string>;
  hasFairnessResults: boolean;
  signOffs: { role: 'BUSINESS_OWNER' | 'COMPLIANCE'; userId: string }[];
  /** null: not signed yet. */
  attestation: { verified: boolean; matches: boolean } | null;
  /** The organisation's optional conditions for high-risk systems and their facts; absent: none apply. */
  gate?: GateFacts;
};

const order = (s: Stage) => STAGES.indexOf(s);

export function missingCardSections(card: ModelCard): string[] {
  return CARD_SECTIONS.filter(([k]) => !card[k]?.trim()).map(([, label]) => label);
}

export function metricMeets(m: PromotionSnapshot['metrics'][number]): boolean {
  if (m.threshold == null) return true;
  return m.direction === 'AT_MOST' ? m.value <= m.threshold : m.value >= m.threshold;
}

export function fmt(n: number | null | undefined): string {
  return n == null ? '—' : String(Math.round(n * 10_000) / 10_000);
}

/** The conditions that must hold before a version may enter `target`. */
export function unmetConditions(v: PromotionSnapshot, target: Stage): string[] {
  const reasons: string[] = [];
  const needs = (stage: Stage) => order(target) >= order(stage) && target !== 'RETIRED' && target !== 'DRAFT';

  if (needs('VALIDATION')) {
    if (!v.artifactDigest) reasons.push('The artifact SHA-256 digest is missing.');
    if (!v.metrics.length) reasons.push('No metrics are recorded.');
  }
  if (needs('BIAS_REVIEW')) {
    for (const m of v.metrics.filter((x) => !metricMeets(x))) {
      reasons.push(`Metric ${m.name} is ${fmt(m.value)}, which misses its threshold (${m.direction === 'AT_MOST' ? '≤' : '≥'} ${fmt(m.threshold)}).`);
    }
  }
  if (needs('PENDING_APPROVAL')) {
    const missing = missingCardSections(v.modelCard);
    if (missing.length) reasons.push(`The model card is incomplete: ${missing.join(', ')}.`);
    if (!v.hasFairnessResults) reasons.push('No fairness results are recorded.');
    for (const c of v.checks.filter((x) => !x.passed && !v.mitigated.has(`${x.attribute}|${x.check}`))) {
      const label = c.check.toLowerCase().replace(/_/g, ' ');
      reasons.push(
        c.value == null
          ? `Fairness check ${label} for ${c.attribute} cannot be computed and has no accepted mitigation.`
          : `Fairness check ${label} for ${c.attribute} fails (${fmt(c.value)}, must be ${c.comparison} ${fmt(c.threshold)}) and has no accepted mitigation.`,
      );
    }
  }
  if (needs('APPROVED')) {
    const business = v.signOffs.find((s) => s.role === 'BUSINESS_OWNER');
    const compliance = v.signOffs.find((s) => s.role === 'COMPLIANCE');
    if (!business) reasons.push('The business owner has not signed off.');
    if (!compliance) reasons.push('A compliance officer has not signed off.');
    if (business && compliance && business.userId === compliance.userId) reasons.push('The two sign-offs are by the same person.');
    if (v.signOffs.some((s) => s.userId === v.createdById)) reasons.push('The version’s creator signed off on it.');
  }
  if (needs('PRODUCTION')) {
    if (!v.attestation) reasons.push('The version has no signed attestation.');
    else if (!v.attestation.verified) reasons.push('The attestation signature does not verify.');
    else if (!v.attestation.matches) reasons.push('The version changed after it was signed (artifact, model card or approvals differ from the attestation).');
    if (v.gate) reasons.push(...gatePolicyReasons(v.gate));
  }
  return reasons;
}

/** The next stage a version can be asked to enter from where it is. */
export function nextStage(stage: Stage): Stage | null {
  switch (stage) {
    case 'DRAFT':
      return 'VALIDATION';
    case 'VALIDATION':
      return 'BIAS_REVIEW';
    case 'BIAS_REVIEW':
      return 'PENDING_APPROVAL';
    case 'PENDING_APPROVAL':
      return 'APPROVED';
    case 'APPROVED':
      return 'PRODUCTION';
    default:
      return null;
  }
}

/** For the CI/CD gate API: may this version be deployed? Only the promoted one, with everything holding. */
export function deployDecision(v: PromotionSnapshot): { allowed: boolean; reasons: string[] } {
  const reasons = unmetConditions(v, 'PRODUCTION');
  if (v.stage !== 'PRODUCTION') reasons.unshift(`The version is in stage ${v.stage}, not PRODUCTION.`);
  return { allowed: reasons.length === 0, reasons };
}
