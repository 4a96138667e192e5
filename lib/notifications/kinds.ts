import { z } from 'zod';

// The kinds of event a person can be notified of. Preferences are kept per
// kind; a mandatory kind reaches its people whatever their preferences say.
// Safe for the client (no server-only imports).

export const NOTIFICATION_KINDS = {
  'requirement.review_due': { label: 'Requirement reviews due or overdue', mandatory: false },
  'finding.due': { label: 'Findings due or overdue', mandatory: false },
  'evidence.expiring': { label: 'Evidence about to expire', mandatory: false },
  'certification.expiring': { label: 'Certifications about to expire', mandatory: false },
  'review.quarter_ending': { label: 'Quarterly review meeting coming up', mandatory: false },
  'action_item.due': { label: 'Review action items due or overdue', mandatory: false },
  'evidence_request.due': { label: 'Evidence requests due or overdue', mandatory: false },
  'signoff.waiting': { label: 'Sign-offs waiting for you', mandatory: false },
  'incident.clock': { label: 'Incident clocks (regulatory and response) at 50 %', mandatory: false },
  'incident.clock_urgent': { label: 'Incident clocks (regulatory and response) at 80 % and at the deadline', mandatory: true },
  'monitoring.alert': { label: 'Monitoring warnings and breaches on models you own', mandatory: false },
  'monitoring.escalation': { label: 'Monitoring breaches left unacknowledged (escalation)', mandatory: true },
  'account.security': { label: 'Changes to your sign-in security (second factor reset)', mandatory: true },
  'token.expiring': { label: 'API tokens you created about to expire', mandatory: false },
  'access_review.assigned': { label: 'Access review items for you to confirm or revoke (as the manager or an administrator)', mandatory: true },
  'access_review.overdue': { label: 'Access review items left unanswered past the due date (escalation)', mandatory: true },
  'webhook.endpoint_disabled': { label: 'A webhook endpoint you own was disabled', mandatory: false },
  'vendor.expiring': { label: 'Vendor contracts and certifications about to expire, vendor reviews due', mandatory: false },
  'vendor.questionnaire_submitted': { label: 'A vendor submitted a due-diligence questionnaire', mandatory: false },
  'trust.document_requested': { label: 'A visitor requested a document from the trust centre', mandatory: false },
  'privacy.request_received': { label: 'A data-subject request arrived through the public form', mandatory: false },
  'privacy.retention_due': { label: 'Datasets you own past their retention period, minimisation reviews due', mandatory: false },
} as const satisfies Record<string, { label: string; mandatory: boolean }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_KEYS = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];
export const notificationKindSchema = z.enum(NOTIFICATION_KIND_KEYS);

export function isMandatoryKind(kind: NotificationKind): boolean {
  return NOTIFICATION_KINDS[kind].mandatory;
}

export const CHANNELS = ['inbox', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIGEST_MODES = ['IMMEDIATE', 'DAILY', 'WEEKLY'] as const;
export type DigestModeName = (typeof DIGEST_MODES)[number];
export const DIGEST_LABELS: Record<DigestModeName, string> = {
  IMMEDIATE: 'One e-mail for each notification, as it happens',
  DAILY: 'One digest a day (07:00 UTC)',
  WEEKLY: 'One digest a week (Monday, 07:00 UTC)',
};
