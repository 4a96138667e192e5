// The privacy domain's writes the job queue runs.
export { recordOverdueRequests } from './requests/mutations';
export { openRetentionTasks, runMinimisationReviews } from './retention/mutations';
