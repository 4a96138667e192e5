// The decision log's reads: pages and other domains (privacy: where a subject's data is).
export { findDecisionsBySubject } from './subjects';
export { decisionFilterLabels, listDecisions } from './search';
export { getDecision, verifyDecision } from './view';
export { decisionStats } from './stats';
export { decisionLetter, exportDecisionLetter } from './letter';
export { developmentDecisionsForCard, developmentDecisionsForSystem, getDevelopmentDecision, listDevelopmentDecisions } from './development';
export { currentOutcome, decisionReviews, listDecisionReviews } from './reviews';
export { listCheckpoints } from './checkpoint-list';
export { getPushTarget } from './push-target';
