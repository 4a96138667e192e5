import { z } from 'zod';
import type { NotificationKind } from './kinds';

// The reminder rules admins configure per organisation (Admin → Notification
// rules). The defaults are here; an organisation's changes are stored in
// NotificationRule. Safe for the client.

export type RuleDefinition = {
  label: string;
  description: string;
  kind: NotificationKind;
  /** Default days before the due date (or, for sign-offs, days waiting). Empty: the rule has no lead times. */
  leadDays: readonly number[];
  /** What the lead days mean, for the form. */
  leadLabel?: string;
  /** Some rules cannot be turned off (regulatory deadlines). */
  fixed?: boolean;
};

export const REMINDER_RULES = {
  'requirement-reviews': {
    label: 'Requirement reviews',
    description: 'To the requirement owner (compliance officers when it has none): before the next review is due, on the day, and every week while it is overdue.',
    kind: 'requirement.review_due',
    leadDays: [14],
    leadLabel: 'Days before the review is due',
  },
  findings: {
    label: 'Findings',
    description: 'To the finding owner: before the due date, on the day, and once when it is overdue.',
    kind: 'finding.due',
    leadDays: [7],
    leadLabel: 'Days before the due date',
  },
  'evidence-expiry': {
    label: 'Evidence expiry',
    description: 'To the evidence owner (compliance officers when it has none): before its valid-until date and on the day it expires.',
    kind: 'evidence.expiring',
    leadDays: [90, 30, 7],
    leadLabel: 'Days before expiry',
  },
  'certification-expiry': {
    label: 'Certification expiry',
    description: 'To compliance officers: before a certification expires and on the day.',
    kind: 'certification.expiring',
    leadDays: [90, 30, 7],
    leadLabel: 'Days before expiry',
  },
  'quarterly-review': {
    label: 'Quarterly review meeting',
    description: 'To compliance officers and administrators: before the quarter ends, to hold its review meeting.',
    kind: 'review.quarter_ending',
    leadDays: [7],
    leadLabel: 'Days before the quarter ends',
  },
  'action-items': {
    label: 'Review action items',
    description: 'To the action item owner: before the due date, on the day, and once when it is overdue.',
    kind: 'action_item.due',
    leadDays: [3],
    leadLabel: 'Days before the due date',
  },
  'evidence-requests': {
    label: 'Evidence requests',
    description: 'To the assignee (compliance officers when nobody is assigned): before the due date, on the day, and once when it is overdue.',
    kind: 'evidence_request.due',
    leadDays: [3],
    leadLabel: 'Days before the due date',
  },
  'sign-offs': {
    label: 'Sign-offs waiting',
    description: 'A model version pending approval whose sign-off is still missing: to the business owner or compliance officers, once it has waited this long.',
    kind: 'signoff.waiting',
    leadDays: [3],
    leadLabel: 'Days waiting',
  },
  'incident-clock': {
    label: 'Incident clocks at 50 %',
    description: 'To the incident owners and compliance officers when half the time to a regulatory notification deadline, or to a response target (acknowledge, contain, resolve), is used.',
    kind: 'incident.clock',
    leadDays: [],
  },
  'incident-clock-urgent': {
    label: 'Incident clocks at 80 % and at the deadline',
    description: 'Regulatory notification deadlines and response targets, to the incident owners and compliance officers. Always on: nobody can mute or turn off these reminders.',
    kind: 'incident.clock_urgent',
    leadDays: [],
    fixed: true,
  },
} as const satisfies Record<string, RuleDefinition>;

export type RuleKey = keyof typeof REMINDER_RULES;
export const RULE_KEYS = Object.keys(REMINDER_RULES) as [RuleKey, ...RuleKey[]];

export type RuleSetting = { key: RuleKey; enabled: boolean; leadDays: number[] };

export function defaultRuleSetting(key: RuleKey): RuleSetting {
  return { key, enabled: true, leadDays: [...REMINDER_RULES[key].leadDays] };
}

export const MAX_LEAD_DAYS = 366;

const leadDaysSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const parts = text.split(/[\s,;]+/).filter(Boolean);
    const days = parts.map(Number);
    if (days.some((d) => !Number.isInteger(d) || d < 1 || d > MAX_LEAD_DAYS)) {
      ctx.addIssue({ code: 'custom', message: `Lead times are whole numbers of days from 1 to ${MAX_LEAD_DAYS}, separated by commas.` });
      return z.NEVER;
    }
    if (days.length > 6) {
      ctx.addIssue({ code: 'custom', message: 'At most 6 lead times.' });
      return z.NEVER;
    }
    return [...new Set(days)].sort((a, b) => b - a);
  });

export const updateRuleSchema = z
  .object({
    key: z.enum(RULE_KEYS),
    enabled: z.union([z.boolean(), z.enum(['on', 'true', 'false', ''])]).optional().transform((v) => v === true || v === 'on' || v === 'true'),
    leadDays: leadDaysSchema.optional(),
  })
  .superRefine((v, ctx) => {
    const def: RuleDefinition = REMINDER_RULES[v.key];
    if (def.fixed && !v.enabled) ctx.addIssue({ code: 'custom', path: ['enabled'], message: 'This reminder is required for regulatory deadlines and cannot be turned off.' });
    if (def.leadDays.length && v.leadDays !== undefined && !v.leadDays.length) ctx.addIssue({ code: 'custom', path: ['leadDays'], message: 'Give at least one lead time, or turn the rule off.' });
  });
export type UpdateRuleInput = z.input<typeof updateRuleSchema>;
