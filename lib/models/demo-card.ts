import type { ModelCard } from './schema';

/** A complete model card for demo and bench data; `omit` leaves sections unwritten. */
export function demoModelCard(name: string, purpose: string, omit: readonly (keyof ModelCard)[] = [], domain: 'health' | 'credit' = 'health'): ModelCard {
  const credit = domain === 'credit';
  const card: ModelCard = {
    modelDetails: `${name}. Gradient-boosted trees developed by the Acme ML team; see the artifact URI for the exact build.`,
    intendedUse: purpose,
    outOfScopeUses: 'Fully automated decisions without human review; populations outside the training regions.',
    factors: credit ? 'Age band, sex and region are evaluated as groups; thin credit files and recent immigrants are known factors.' : 'Age band, sex and region are evaluated as groups; instrumentation differences between sites are a known factor.',
    metrics: `AUC for ranking quality, recall at the operating threshold, and calibration error; chosen with the ${credit ? 'credit risk' : 'clinical'} owner.`,
    evaluationData: 'A held-out, time-split evaluation set drawn after the training window (see lineage).',
    trainingData: credit ? 'Historical loan applications and repayment outcomes, pseudonymised (see lineage for datasets and transformations).' : 'De-identified historical records (see lineage for datasets and transformations).',
    quantitativeAnalyses: 'Metrics are reported overall and per group; the fairness table on the version page is part of this card.',
    ethicalConsiderations: 'Errors fall unequally on groups with less data; the model assists and never replaces a human decision.',
    caveatsAndRecommendations: 'Re-evaluate after any change in upstream data collection; monitor drift monthly.',
    limitations: credit ? 'Under-represents applicants over 75 and those with thin credit files; performance on rare default patterns is unstable.' : 'Under-represents patients over 80; performance on rare presentations is unstable.',
  };
  for (const k of omit) delete card[k];
  return card;
}
