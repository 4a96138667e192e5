// The severity decision tree: a short series of questions, each of which can
// only raise the floor. Pure, so the form, the server and the tests agree.

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  SEV1: 'SEV1 — critical',
  SEV2: 'SEV2 — major',
  SEV3: 'SEV3 — moderate',
  SEV4: 'SEV4 — minor',
};

/** The decision tree's answers; the report's schema validates them, the form previews with them. */
export type TreeAnswers = {
  death: boolean;
  seriousHarm: boolean;
  criticalInfrastructure: boolean;
  personalDataExposed: boolean;
  specialCategoryData: boolean;
  protectedGroupAffected: boolean;
  fundamentalRights: boolean;
  widespread: boolean;
  ongoingImpact: boolean;
  peopleAffected: number;
  nearMiss: boolean;
};

const NO_ANSWERS: TreeAnswers = {
  death: false,
  seriousHarm: false,
  criticalInfrastructure: false,
  personalDataExposed: false,
  specialCategoryData: false,
  protectedGroupAffected: false,
  fundamentalRights: false,
  widespread: false,
  ongoingImpact: false,
  peopleAffected: 0,
  nearMiss: false,
};

/** The questions, in the order the form asks them; `raisesTo` is the floor a "yes" sets. */
export const TREE_QUESTIONS: readonly { key: Exclude<keyof TreeAnswers, 'peopleAffected'>; question: string; raisesTo: Severity | null }[] = [
  { key: 'death', question: 'Did the incident cause or contribute to a death?', raisesTo: 'SEV1' },
  { key: 'seriousHarm', question: 'Did it cause serious harm to a person’s health?', raisesTo: 'SEV1' },
  { key: 'criticalInfrastructure', question: 'Did it disrupt the management or operation of critical infrastructure?', raisesTo: 'SEV1' },
  { key: 'personalDataExposed', question: 'Was personal data exposed, leaked or stolen (including training data)?', raisesTo: 'SEV2' },
  { key: 'specialCategoryData', question: 'Was it health, biometric or other special-category data? (with exposure: SEV1)', raisesTo: null },
  { key: 'protectedGroupAffected', question: 'Were people in a protected group treated unfairly (e.g. by sex, ethnicity, age, disability)?', raisesTo: 'SEV2' },
  { key: 'fundamentalRights', question: 'Does it infringe obligations that protect fundamental rights?', raisesTo: 'SEV2' },
  { key: 'widespread', question: 'Is it widespread (several countries or a very large number of people)?', raisesTo: 'SEV1' },
  { key: 'ongoingImpact', question: 'Are wrong decisions still reaching people now?', raisesTo: 'SEV3' },
  { key: 'nearMiss', question: 'Was it a near miss (caught before anyone was affected)? Caps the result at SEV3.', raisesTo: null },
];

const rank = (s: Severity) => SEVERITIES.indexOf(s);
/** The more severe of two. */
export const worse = (a: Severity, b: Severity): Severity => (rank(a) <= rank(b) ? a : b);

export type TreeOutcome = { severity: Severity; reasons: string[] };

export function assessSeverity(input: Partial<TreeAnswers>): TreeOutcome {
  // Unanswered questions count as "no" (and nobody affected).
  const a: TreeAnswers = { ...NO_ANSWERS };
  for (const key of Object.keys(NO_ANSWERS) as (keyof TreeAnswers)[]) if (input[key] !== undefined) (a as Record<string, unknown>)[key] = input[key];
  let severity: Severity = 'SEV4';
  const reasons: string[] = [];
  const raise = (to: Severity, why: string) => {
    if (rank(to) < rank(severity)) severity = to;
    reasons.push(`${why} → at least ${to}`);
  };
  if (a.death) raise('SEV1', 'Death');
  if (a.seriousHarm) raise('SEV1', 'Serious harm to health');
  if (a.criticalInfrastructure) raise('SEV1', 'Critical infrastructure disrupted');
  if (a.personalDataExposed && (a.specialCategoryData || a.peopleAffected >= 1000)) raise('SEV1', 'Special-category or large-scale personal data exposed');
  else if (a.personalDataExposed) raise('SEV2', 'Personal data exposed');
  if (a.protectedGroupAffected) raise('SEV2', 'Protected group affected');
  if (a.fundamentalRights) raise('SEV2', 'Fundamental-rights obligations infringed');
  if (a.widespread) raise('SEV1', 'Widespread');
  if (a.peopleAffected >= 10_000) raise('SEV1', '10,000 or more people affected');
  else if (a.peopleAffected >= 100) raise('SEV2', '100 or more people affected');
  else if (a.peopleAffected >= 1) raise('SEV3', 'People affected');
  if (a.ongoingImpact) raise('SEV3', 'Wrong decisions still reaching people');
  if (a.nearMiss && rank(severity) < rank('SEV3')) {
    severity = 'SEV3';
    reasons.push('Near miss: nobody was affected → capped at SEV3');
  }
  if (!reasons.length) reasons.push('No aggravating answer → SEV4');
  return { severity, reasons };
}
