// The queue that sends one outbox mail per job (registered in lib/jobs/registry.ts).
export const SEND_MAIL_JOB = 'notifications.send-mail';
export const SEND_MAIL_RETRY = { limit: 5, delaySeconds: 30, maxDelaySeconds: 3600 };
