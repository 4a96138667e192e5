// The decision log's writes other domains and the job queue use.
export { eraseSubject } from './subjects';
export { issueCheckpoint } from './checkpoints';
export { createPartitionsAhead, purgeExpiredPartitions } from './retention';
export { createDevelopmentDecision } from './development';
export { recordDecisionReview } from './reviews';
export { pushCheckpointObject, pushCheckpointsNow, PUSH_JOB, PUSH_RETRY } from './push';
export { removePushTarget, savePushTarget } from './push-target';
