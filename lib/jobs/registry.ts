import 'server-only';
import { recordExpiredCertifications } from '@/lib/audits/certifications/record-expired';
import { db } from '@/lib/db';
import { recordStaleEvidence } from '@/lib/audits/evidence/record-stale';
import { reopenExpiredRiskAcceptances } from '@/lib/audits/findings/mutations';
import { recordNotificationThresholds } from '@/lib/incidents/record-notification-thresholds';
import { recordUntestedResponsePlans } from '@/lib/incidents/record-untested-plans';
import { queueDigests, queueImmediateMails, sendOutboxMail } from '@/lib/notifications/mail/outbox';
import { SEND_MAIL_JOB, SEND_MAIL_RETRY } from '@/lib/notifications/mail/send-mail-job';
import { sendResponseClockReminders } from '@/lib/notifications/reminders/response-clocks';
import { sendReminders } from '@/lib/notifications/reminders/run';
import { recordOverdueFindings } from '@/lib/audits/findings/record-overdue';
import { dispatchEvents, type EventSubscriber } from '@/lib/events/dispatch';
import { deliverDueWebhooks, webhookSubscriber } from '@/lib/webhooks/mutations';
import { escalateBreaches, recordMissingData } from '@/lib/monitoring/mutations';
import { sendJobNow } from './send-now';
import { recordExpiredTokens } from '@/lib/tokens/record-expired';
import { recordExpiringTokens } from '@/lib/tokens/record-expiring';
import { escalateOverdueAccessReviews } from '@/lib/access-reviews/mutations';
import { reopenExpiredRiskAcceptances as reopenExpiredRegisterAcceptances } from '@/lib/risks/mutations';
import { openRetentionTasks, recordOverdueRequests, runMinimisationReviews } from '@/lib/privacy/mutations';
import { recordVendorExpiries } from '@/lib/vendors/record-expiries';
import { createPartitionsAhead, issueCheckpoint, purgeExpiredPartitions, pushCheckpointObject, PUSH_JOB, PUSH_RETRY } from '@/lib/decisions/mutations';
import { syncAllMlflow } from '@/lib/interchange/mutations';
import { defineJob, type JobContext, type JobDefinition } from './define';

// The one place where every domain registers its scheduled jobs. Each job
// calls one mutation of its domain, which writes its change and the audit
// event in one transaction as the job's system actor; reads only compute
// what they display ("expired", "stale", "overdue") and never write.

/** Runs `fn` for every organisation and adds up the counts it returns. */
async function perOrganisation(ctx: JobContext, fn: (orgId: string) => Promise<number>): Promise<{ organisations: number; changed: number }> {
  const orgs = await db.organization.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  let changed = 0;
  for (const org of orgs) {
    if (ctx.signal.aborted) throw new Error('The run was stopped before it finished.');
    changed += await fn(org.id);
  }
  return { organisations: orgs.length, changed };
}

/** Every domain that reacts to committed domain events (lib/events): the
 *  `events.dispatch` job hands each event to each of them, in this order. */
export const EVENT_SUBSCRIBERS: readonly EventSubscriber[] = [webhookSubscriber];

const DEFAULT_RETRY = { limit: 5, delaySeconds: 30, maxDelaySeconds: 3600 };

export const JOBS: readonly JobDefinition[] = [
  defineJob({
    name: 'findings.reopen-expired-risk-acceptances',
    description: 'Findings whose risk acceptance has expired go back to open.',
    cron: '*/5 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => reopenExpiredRiskAcceptances(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'risks.reopen-expired-acceptances',
    description: 'Register risks whose acceptance has expired go back to open.',
    cron: '*/5 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => reopenExpiredRegisterAcceptances(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'evidence.record-stale',
    description: 'Evidence whose valid-until date passed is recorded as stale in the audit trail.',
    cron: '*/15 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordStaleEvidence(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'audits.record-expired-certifications',
    description: 'Certifications whose expiry date passed are recorded as expired in the audit trail.',
    cron: '*/15 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordExpiredCertifications(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'incidents.record-untested-plans',
    description: 'Response plans not tested for a year are recorded as untested in the audit trail.',
    cron: '*/15 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordUntestedResponsePlans(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'tokens.record-expired',
    description: 'API tokens that reached their expiry date unrevoked are recorded as expired in the audit trail.',
    cron: '*/15 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordExpiredTokens(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'tokens.warn-expiring',
    description: 'The creators of API tokens that stop working within the warning window (14 days by default) are told once, so they can rotate them.',
    cron: '40 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordExpiringTokens(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'access-reviews.escalate',
    description: 'Access review items still unanswered after the campaign’s due date are escalated once to every administrator.',
    cron: '50 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => escalateOverdueAccessReviews(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'vendors.warn-expiries',
    description: 'Vendor contracts (DPA, BAA, SCCs, MSA) and certifications expiring within 30 days are notified to the vendor’s owner, once each.',
    cron: '20 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordVendorExpiries(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'incidents.record-notification-thresholds',
    description: 'Regulatory notification clocks record 50 %, 80 % and the deadline on the incident and in the audit trail.',
    cron: '*/5 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordNotificationThresholds(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'privacy.record-overdue-requests',
    description: 'Data-subject requests still open after their statutory deadline are marked overdue, with an audit event each.',
    cron: '*/15 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordOverdueRequests(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'privacy.open-retention-tasks',
    description: 'Personal-data datasets past their retention rule get a deletion task for their owner (once per rule), with a notification and an audit event.',
    cron: '40 2 * * *',
    runOnStart: true,
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => openRetentionTasks(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'privacy.minimisation-reviews',
    description: 'Opens each quarter’s data-minimisation review per dataset owner (datasets past retention, unused lately, development copies of restricted data) and marks reviews past their due date overdue.',
    cron: '50 2 * * *',
    runOnStart: true,
    retry: DEFAULT_RETRY,
    handler: (ctx) =>
      perOrganisation(ctx, async (orgId) => {
        const r = await runMinimisationReviews(ctx.actor(orgId), ctx.now);
        return r.opened + r.overdue;
      }),
  }),
  defineJob({
    name: 'notifications.send-reminders',
    description: 'Reminders before and at due dates (reviews, findings, expiries, action items, requests, sign-offs, the quarter end), as the rules on Admin → Notification rules say.',
    cron: '10 * * * *',
    runOnStart: true,
    retry: DEFAULT_RETRY,
    timeoutSeconds: 900,
    handler: (ctx) =>
      perOrganisation(ctx, async (orgId) => Object.values(await sendReminders(ctx.actor(orgId), ctx.now)).reduce((sum, n) => sum + (n ?? 0), 0)),
  }),
  defineJob({
    name: 'notifications.response-clocks',
    description: 'Incident response clocks (acknowledge, contain, resolve) at 50 %, 80 % and their deadline notify the incident owners and compliance officers.',
    cron: '*/5 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => sendResponseClockReminders(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'notifications.queue-mail',
    description: 'Notifications wanted by e-mail "immediately" (and every mandatory one) become outbox mails, each sent by its own send-mail job.',
    cron: '* * * * *',
    retry: DEFAULT_RETRY,
    handler: async () => ({ queued: await queueImmediateMails() }),
  }),
  defineJob({
    name: 'notifications.queue-digests',
    description: 'Daily (07:00 UTC) and weekly (Monday 07:00 UTC) digests: one e-mail per person listing what they have not been mailed yet.',
    cron: '5 * * * *',
    retry: DEFAULT_RETRY,
    timeoutSeconds: 900,
    handler: async (ctx) => queueDigests(ctx.now),
  }),
  defineJob({
    name: SEND_MAIL_JOB,
    description: 'Sends one outbox mail over SMTP; retried with back-off, then left failed with its error on Admin → Outbox.',
    retry: SEND_MAIL_RETRY,
    handler: async (ctx, data) => {
      const mailId = (data as { mailId?: unknown } | null)?.mailId;
      if (typeof mailId !== 'string') throw new Error('send-mail needs { mailId }');
      return { mailId, result: await sendOutboxMail(mailId, { retryCount: ctx.retryCount, retryLimit: SEND_MAIL_RETRY.limit }) };
    },
  }),
  defineJob({
    name: 'findings.record-overdue',
    description: 'Findings that passed their due date unresolved publish finding.overdue once per due date.',
    cron: '*/15 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordOverdueFindings(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'monitoring.record-missing-data',
    description: 'Monitors without a window for longer than their limit (default 26 h) open a missing-data alert.',
    cron: '*/15 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => recordMissingData(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'monitoring.escalate-breaches',
    description: 'Monitoring breaches unacknowledged for longer than their delay (default 3 days) are escalated to the business owner and compliance.',
    cron: '*/15 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, (orgId) => escalateBreaches(ctx.actor(orgId), ctx.now)),
  }),
  defineJob({
    name: 'events.dispatch',
    description: 'Committed domain events are handed to their subscribers (webhook deliveries among them).',
    cron: '* * * * *',
    retry: { limit: 5, delaySeconds: 10, maxDelaySeconds: 600 },
    handler: async (ctx) => {
      const result = await dispatchEvents(EVENT_SUBSCRIBERS, ctx.now);
      if (result.handled) await sendJobNow('webhooks.deliver');
      return result;
    },
  }),
  defineJob({
    name: 'webhooks.deliver',
    description: 'Due webhook deliveries are signed and sent; failures are retried with back-off for 24 h, then the endpoint is disabled.',
    cron: '* * * * *',
    retry: { limit: 2, delaySeconds: 10, maxDelaySeconds: 60 },
    timeoutSeconds: 600,
    handler: async (ctx) => {
      const report = await deliverDueWebhooks(ctx.now, { actorFor: ctx.actor });
      // A full batch means more are due: the next run picks them up at once.
      if (report.attempted >= 500) await sendJobNow('webhooks.deliver');
      return report;
    },
  }),
  defineJob({
    name: 'interchange.mlflow-sync',
    description: 'New MLflow model versions are imported as drafts for organisations that turned the sync on; conflicts and versions gone from MLflow are listed, nothing governed is overwritten.',
    cron: '41 * * * *',
    retry: DEFAULT_RETRY,
    timeoutSeconds: 900,
    handler: (ctx) => syncAllMlflow(ctx.actor, ctx.now),
  }),
  defineJob({
    name: 'decisions.checkpoint',
    description: 'A signed checkpoint (tree size, root, time, Ed25519 signature) of every decision log with new batches.',
    cron: '*/10 * * * *',
    retry: DEFAULT_RETRY,
    handler: (ctx) => perOrganisation(ctx, async (orgId) => ((await issueCheckpoint(ctx.actor(orgId), ctx.now)).created ? 1 : 0)),
  }),
  defineJob({
    name: PUSH_JOB,
    description: 'Writes one signed checkpoint to the configured S3-compatible bucket (a SigV4 PUT); 5xx and network errors are retried with back-off, a refusal is left failed with its error on the checkpoints screen.',
    retry: PUSH_RETRY,
    handler: async (ctx, data) => {
      const pushId = (data as { pushId?: unknown } | null)?.pushId;
      if (typeof pushId !== 'string') throw new Error('push-checkpoint needs { pushId }');
      return pushCheckpointObject(pushId, { retryCount: ctx.retryCount, retryLimit: PUSH_RETRY.limit, now: ctx.now });
    },
  }),
  defineJob({
    name: 'decisions.partitions',
    description: "The decision log's monthly partitions are created three months ahead.",
    cron: '17 3 * * *',
    retry: DEFAULT_RETRY,
    handler: async (ctx) => ({ created: await createPartitionsAhead(ctx.actor(''), ctx.now) }),
  }),
  defineJob({
    name: 'decisions.retention',
    description: 'Month partitions past every system\'s retention are dropped, each with a signed purge record.',
    cron: '37 3 * * *',
    retry: DEFAULT_RETRY,
    timeoutSeconds: 600,
    handler: async (ctx) => ({ purged: (await purgeExpiredPartitions(ctx.actor(''), ctx.now)).length }),
  }),
];
