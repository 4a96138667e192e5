import { z } from 'zod';
import { blankAsUndefined, flag } from '@/lib/api/params';
import { DIGEST_MODES, NOTIFICATION_KIND_KEYS, NOTIFICATION_KINDS, notificationKindSchema } from './kinds';
import { RULE_KEYS } from './rules';

// zod schemas of the notification screens and /api/v1 operations (safe for the client).

const idSchema = z.string().trim().min(1).max(64);

export const listNotificationsQuerySchema = z.object({
  unread: blankAsUndefined(z.enum(['true', 'false'])),
  kind: blankAsUndefined(z.enum(NOTIFICATION_KIND_KEYS)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListNotificationsQuery = z.input<typeof listNotificationsQuerySchema>;

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string(),
  entity: z.object({ type: z.string(), id: z.string() }).nullable(),
  mandatory: z.boolean(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  unread: z.number(),
});

export const markReadSchema = z.object({ id: idSchema });
export const markReadResultSchema = z.object({ updated: z.number(), unread: z.number() });

export const updatePreferencesSchema = z.object({
  digest: z.enum(DIGEST_MODES),
  preferences: z
    .array(z.object({ kind: notificationKindSchema, inbox: flag, email: flag }))
    .max(NOTIFICATION_KIND_KEYS.length)
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, 'Each kind of event appears once.'),
});
export type UpdatePreferencesInput = z.input<typeof updatePreferencesSchema>;

/** The preferences page's form: a checkbox `inbox.<kind>` and `email.<kind>` per kind
 *  (unticked boxes send nothing). Mandatory kinds are not part of the form. */
const ticked = (v: unknown) => v === 'on' || v === 'true';

export const preferencesFormSchema = z.preprocess((raw) => {
  const form = (raw ?? {}) as Record<string, unknown>;
  return {
    digest: form.digest,
    preferences: NOTIFICATION_KIND_KEYS.filter((kind) => !NOTIFICATION_KINDS[kind].mandatory).map((kind) => ({
      kind,
      inbox: ticked(form[`inbox.${kind}`]),
      email: ticked(form[`email.${kind}`]),
    })),
  };
}, updatePreferencesSchema);

export const preferencesSchema = z.object({
  digest: z.enum(DIGEST_MODES),
  preferences: z.array(z.object({ kind: z.string(), label: z.string(), mandatory: z.boolean(), inbox: z.boolean(), email: z.boolean() })),
});

export const ruleSchema = z.object({
  key: z.enum(RULE_KEYS),
  label: z.string(),
  description: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  leadDays: z.array(z.number()),
  defaultLeadDays: z.array(z.number()),
  leadLabel: z.string().nullable(),
  fixed: z.boolean(),
});
export const ruleListSchema = z.object({ items: z.array(ruleSchema) });
/** The rule form on Admin → Notification rules. */
export { updateRuleSchema } from './rules';

export const ruleUpdateBodySchema = z.object({
  enabled: z.boolean(),
  leadDays: z.array(z.number().int().min(1).max(366)).max(6).optional(),
});

export const MAIL_STATUSES = ['QUEUED', 'SENT', 'FAILED'] as const;
export const MAIL_STATUS_LABELS: Record<(typeof MAIL_STATUSES)[number], string> = { QUEUED: 'Queued', SENT: 'Sent', FAILED: 'Failed' };

export const listOutboxQuerySchema = z.object({
  status: blankAsUndefined(z.enum(MAIL_STATUSES)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListOutboxQuery = z.input<typeof listOutboxQuerySchema>;

export const outboxMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  digest: z.boolean(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const outboxListSchema = z.object({
  items: z.array(outboxMailSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.record(z.enum(MAIL_STATUSES), z.number()),
  /** Where mail goes: the configured SMTP server, or the in-process capture server. */
  delivery: z.enum(['smtp', 'capture', 'none']),
});
export type OutboxList = z.infer<typeof outboxListSchema>;
