import { z } from 'zod';
import { blankAsUndefined, instantInput, numeric } from '@/lib/api/params';
import { parseResidents, residentsSchema } from './rules/facts';
import { DATA_CATEGORY_KEYS, ENTITY_ROLE_KEYS, MATERIALITY, type DataCategory, type EntityRole } from './rules/language';
import { INCIDENT_TYPES, SETTABLE_FLAGS } from './labels';
import { SEVERITIES, type Severity } from './severity';

export { INCIDENT_TYPES, TYPE_LABELS, type IncidentType } from './labels';

export const STATUSES = ['OPEN', 'ACKNOWLEDGED', 'CONTAINED', 'RESOLVED', 'CLOSED'] as const;
export type IncidentStatus = (typeof STATUSES)[number];
export const MILESTONES = ['acknowledged', 'contained', 'resolved', 'closed'] as const;
export type Milestone = (typeof MILESTONES)[number];
export const MILESTONE_STATUS: Record<Milestone, IncidentStatus> = {
  acknowledged: 'ACKNOWLEDGED',
  contained: 'CONTAINED',
  resolved: 'RESOLVED',
  closed: 'CLOSED',
};

export const severitySchema = z.enum(SEVERITIES);
const id = z.string().trim().min(1).max(64);
const text = (max: number, what: string) => z.string().trim().min(1, `Enter ${what}`).max(max);

/** Checkboxes send "on"; JSON sends booleans. */
const flag = z.preprocess((v) => (v === 'on' || v === 'true' ? true : v === 'false' || v === '' ? false : v), z.boolean().default(false));
/** One value or several (form fields repeat, JSON sends arrays). */
const idList = z
  .preprocess((v) => (v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(id).max(50))
  .optional()
  .transform((v) => v ?? []);
/** An instant; UTC ISO 8601 from the API, converted from the reader's local time by the form. */
export const instant = (what = 'a date and time') =>
  z.preprocess((v) => (v === '' ? undefined : v), instantInput(`Enter ${what}`));

/** A set of known keys; form checkboxes repeat the name, JSON sends an array. */
const keyList = <K extends string>(keys: readonly K[], what: string) =>
  z.preprocess(
    (v) => (v === undefined ? undefined : v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]),
    z.array(z.enum(keys as [K, ...K[]], { error: `Unknown ${what}: use ${keys.join(', ')}` })).max(keys.length).transform((xs) => [...new Set(xs)]),
  );
const optionalInstant = (what: string) => z.preprocess((v) => (v === '' ? null : v), instant(what).nullable().optional());

export { SETTABLE_FLAGS } from './labels';

/** The facts the notification rules read; on update, an absent field is left as it is. */
export const notificationFactsSchema = z.object({
  dataCategories: keyList<DataCategory>(DATA_CATEGORY_KEYS, 'data category').optional(),
  entityRoles: keyList<EntityRole>(ENTITY_ROLE_KEYS, 'entity role').optional(),
  notificationFlags: keyList(SETTABLE_FLAGS, 'fact').optional(),
  /** Affected people by jurisdiction of residence: {"US-CA": 600} or the form's "US-CA: 600, EU: 40". */
  residents: z
    .preprocess((v, ctx) => {
      if (typeof v !== 'string') return v;
      const r = parseResidents(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.message });
        return z.NEVER;
      }
      return r.value;
    }, residentsSchema)
    .optional(),
  awareAt: optionalInstant('when the organisation became aware'),
  classifiedAt: optionalInstant('when it was classified'),
  materiality: z.enum(MATERIALITY).optional(),
  materialityDeterminedAt: optionalInstant('when materiality was determined'),
});
export type NotificationFactsInput = z.input<typeof notificationFactsSchema>;
export const notificationFactsFormSchema = notificationFactsSchema.extend({ id });

export { DEFAULT_ENTITY_ROLES } from './labels';

export const reportIncidentSchema = z.object({
  title: text(200, 'a title'),
  description: text(10_000, 'a description'),
  type: z.enum(INCIDENT_TYPES, { error: 'Choose a type' }),
  detectedAt: instant('when it was detected'),
  systemIds: idList,
  modelIds: idList,
  /** Models can be named by registry key (handy for monitoring alerts). */
  modelKeys: z
    .preprocess((v) => (v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(120)).max(50))
    .optional()
    .transform((v) => v ?? []),
  versionIds: idList,
  peopleAffected: z.preprocess((v) => (v === '' ? undefined : v), numeric(z.number({ error: 'Enter a whole number' }).int('Enter a whole number').min(0, 'Cannot be negative').max(100_000_000)).optional()),
  protectedGroup: flag,
  personalData: flag,
  healthData: flag,
  nearMiss: flag,
  death: flag,
  seriousHarm: flag,
  criticalInfrastructure: flag,
  fundamentalRights: flag,
  widespread: flag,
  ongoingImpact: flag,
  ...notificationFactsSchema.shape,
});
export type ReportIncidentInput = z.input<typeof reportIncidentSchema>;

export const incidentIdSchema = z.object({ id });

export const updateIncidentSchema = z.object({
  title: text(200, 'a title').optional(),
  description: text(10_000, 'a description').optional(),
  peopleAffected: z.number().int().min(0).max(100_000_000).nullable().optional(),
  /** Record a timeline milestone (acknowledged, contained, resolved, closed). */
  milestone: z.enum(MILESTONES).optional(),
  milestoneAt: instant().optional(),
  /** Override the tree's severity (compliance officers and admins; needs a reason). */
  severity: severitySchema.optional(),
  severityReason: z.string().trim().max(2000).optional(),
  ...notificationFactsSchema.shape,
});
export type UpdateIncidentInput = z.input<typeof updateIncidentSchema>;

export const detailsFormSchema = z.object({
  id,
  title: text(200, 'a title'),
  description: text(10_000, 'a description'),
  peopleAffected: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number({ error: 'Enter a whole number' }).int('Enter a whole number').min(0, 'Cannot be negative').max(100_000_000).nullable()),
});
export const milestoneFormSchema = z.object({ id, milestone: z.enum(MILESTONES), at: instant().optional() });
export const overrideSeveritySchema = z.object({ id, severity: severitySchema, reason: text(2000, 'a reason') });
export const timelineEntrySchema = z.object({ id, at: instant(), text: text(4000, 'what was done') });
export const notificationSchema = z.object({
  id,
  ruleKey: z.string().trim().min(1).max(80),
  notifiedAt: instant('when the notification was sent'),
  recipient: text(300, 'to whom it was sent'),
  reference: text(300, 'a reference'),
});
export const rollbackSchema = z.object({ id, modelId: id, reason: text(2000, 'a reason') });
export const FINDING_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export const incidentFindingSchema = z.object({
  id,
  title: text(200, 'a title'),
  description: text(10_000, 'a description'),
  severity: z.enum(FINDING_SEVERITIES),
  ownerId: id,
  /** Omit for the findings default for the severity. */
  dueDate: z.preprocess((v) => (v === '' || v === null ? undefined : v), instant('a due date').optional()),
});
export const correctiveActionSchema = z.object({ id, title: text(300, 'the action'), ownerId: id, dueDate: instant('a due date') });
export const actionIdSchema = z.object({ actionId: id });
export const postmortemSchema = z.object({
  id,
  summary: text(10_000, 'a summary'),
  impact: text(10_000, 'the impact'),
  rootCause: text(10_000, 'the root cause'),
  wentWell: text(10_000, 'what went well'),
  wentPoorly: text(10_000, 'what went poorly'),
  correctiveActions: text(10_000, 'the corrective actions'),
  lessons: text(10_000, 'the lessons learned'),
});

const minutes = z.coerce.number({ error: 'Enter minutes' }).int('Whole minutes').min(1, 'At least 1 minute').max(525_600);
export const responseTargetSchema = z
  .object({ severity: severitySchema, ackMinutes: minutes, containMinutes: minutes, resolveMinutes: minutes })
  .refine((t) => t.ackMinutes <= t.containMinutes && t.containMinutes <= t.resolveMinutes, {
    path: ['containMinutes'],
    message: 'Acknowledge ≤ contain ≤ resolve',
  });

export const responsePlanSchema = z.object({
  systemId: blankAsUndefined(id),
  title: text(200, 'a title'),
  content: text(50_000, 'the plan'),
  lastTestedAt: blankAsUndefined(instant('the date it was last tested')),
});

export const EXERCISE_KINDS = ['TABLETOP', 'ROLLBACK_DRILL'] as const;
export const exerciseSchema = z.object({
  kind: z.enum(EXERCISE_KINDS),
  heldAt: instant('the date'),
  scenario: text(5000, 'the scenario'),
  participants: text(2000, 'the participants'),
  outcome: text(5000, 'the outcome'),
  rollbackMinutes: z.preprocess((v) => (v === '' ? undefined : v), numeric(z.number().int().min(0).max(100_000)).optional()),
  followUps: z.string().trim().max(5000).default(''),
  planId: blankAsUndefined(id),
  systemId: blankAsUndefined(id),
});

const QUARTER = /^(\d{4})-Q([1-4])$/;
export const listIncidentsQuerySchema = z.object({
  type: blankAsUndefined(z.enum(INCIDENT_TYPES)),
  severity: blankAsUndefined(severitySchema),
  status: blankAsUndefined(z.enum(STATUSES)),
  systemId: blankAsUndefined(id),
  quarter: blankAsUndefined(z.string().regex(QUARTER, 'Use YYYY-Qn, e.g. 2026-Q4')),
  nearMiss: blankAsUndefined(z.enum(['yes', 'no'])),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type ListIncidentsQuery = z.input<typeof listIncidentsQuerySchema>;

/** "2026-Q4" → [start, end) in UTC. */
export function quarterRange(quarter: string): [Date, Date] {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`Not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  return [new Date(Date.UTC(year, (q - 1) * 3, 1)), new Date(Date.UTC(year, q * 3, 1))];
}

export function quarterOf(d: Date): string {
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export const REQUIRES_POSTMORTEM: readonly Severity[] = ['SEV1', 'SEV2'];
export const PLAN_STALE_DAYS = 365;

export const incidentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(INCIDENT_TYPES),
  severity: severitySchema,
  status: z.enum(STATUSES),
  nearMiss: z.boolean(),
  detectedAt: z.string(),
  systems: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Response steps past their target and not done (acknowledge, contain, resolve). */
  overdue: z.array(z.string()),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;
export const incidentListSchema = z.object({ items: z.array(incidentSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });
