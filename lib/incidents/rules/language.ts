import { z } from 'zod';
import { DATA_CATEGORY_KEYS, ENTITY_ROLE_KEYS, FLAG_KEYS, MATERIALITY, OPERATING_REGIONS, RISK_CLASSES, SECTORS, type DataCategory, type EntityRole, type Flag, type Materiality } from './vocabulary';

// The notification rule language: an obligation is data (zod-validated JSON),
// never code. A rule says when it applies (a condition over the incident's
// facts), when its clock starts (an event), how long it runs (hours, calendar
// days, business days on a holiday calendar, or months), to whom, and where
// the law says so. Pure module: the server, the admin preview and the tests
// share it.

export * from './vocabulary';

/**
 * Where affected people reside: "EU" (EU/EEA), "UK", "US", a US state as
 * "US-CA", or any ISO-like code. A pattern matches the code itself and its
 * sub-codes ("US" matches "US-CA"); "US-*" matches every state, one by one.
 */
export const jurisdictionCode = z.string().trim().regex(/^[A-Z]{2,3}(-[A-Z0-9]{1,3})?$/, 'A code such as EU, US or US-CA');
const jurisdictionPattern = z.string().trim().regex(/^[A-Z]{2,3}(-([A-Z0-9]{1,3}|\*))?$/, 'A code such as EU, US-CA or US-*');

const count = z.number().int().min(0).max(100_000_000);
const threshold = z
  .object({ atLeast: count.optional(), moreThan: count.optional(), fewerThan: count.optional() })
  .refine((t) => [t.atLeast, t.moreThan, t.fewerThan].filter((v) => v !== undefined).length <= 1, 'Give one of atLeast, moreThan, fewerThan');

export type Threshold = { atLeast?: number; moreThan?: number; fewerThan?: number };
export type Condition =
  | { kind: 'all'; of: Condition[] }
  | { kind: 'any'; of: Condition[] }
  | { kind: 'not'; of: Condition }
  | { kind: 'flag'; flag: Flag }
  | { kind: 'data'; any: DataCategory[] }
  | { kind: 'role'; any: EntityRole[] }
  | { kind: 'operatesIn'; any: (typeof OPERATING_REGIONS)[number][] }
  | ({ kind: 'residents'; in: string[] } & Threshold)
  | ({ kind: 'residentsOfOne'; in: string[] } & Threshold)
  | ({ kind: 'people' } & Threshold)
  | { kind: 'riskClass'; any: (typeof RISK_CLASSES)[number][] }
  | { kind: 'sector'; any: (typeof SECTORS)[number][] }
  | { kind: 'materiality'; any: Materiality[] };

const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(40);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all'), of: nonEmpty(conditionSchema) }).strict(),
    z.object({ kind: z.literal('any'), of: nonEmpty(conditionSchema) }).strict(),
    z.object({ kind: z.literal('not'), of: conditionSchema }).strict(),
    z.object({ kind: z.literal('flag'), flag: z.enum(FLAG_KEYS as [Flag, ...Flag[]]) }).strict(),
    z.object({ kind: z.literal('data'), any: nonEmpty(z.enum(DATA_CATEGORY_KEYS as [DataCategory, ...DataCategory[]])) }).strict(),
    z.object({ kind: z.literal('role'), any: nonEmpty(z.enum(ENTITY_ROLE_KEYS as [EntityRole, ...EntityRole[]])) }).strict(),
    z.object({ kind: z.literal('operatesIn'), any: nonEmpty(z.enum(OPERATING_REGIONS)) }).strict(),
    z.object({ kind: z.literal('residents'), in: nonEmpty(jurisdictionPattern) }).extend(threshold.shape).strict(),
    z.object({ kind: z.literal('residentsOfOne'), in: nonEmpty(jurisdictionPattern) }).extend(threshold.shape).strict(),
    z.object({ kind: z.literal('people') }).extend(threshold.shape).strict(),
    z.object({ kind: z.literal('riskClass'), any: nonEmpty(z.enum(RISK_CLASSES)) }).strict(),
    z.object({ kind: z.literal('sector'), any: nonEmpty(z.enum(SECTORS)) }).strict(),
    z.object({ kind: z.literal('materiality'), any: nonEmpty(z.enum(MATERIALITY)) }).strict(),
  ]).superRefine((c, ctx) => {
    if ('atLeast' in c || 'moreThan' in c || 'fewerThan' in c) {
      const n = [c.atLeast, c.moreThan, c.fewerThan].filter((v) => v !== undefined).length;
      if (n > 1) ctx.addIssue({ code: 'custom', message: 'Give one of atLeast, moreThan, fewerThan' });
    }
  }),
);

export const START_EVENTS = {
  detection: 'detection',
  awareness: 'awareness (discovery, determination that it occurred)',
  classification: 'classification as significant (NIS2) or major (DORA)',
  materialityDetermination: 'materiality determination',
  discoveryYearEnd: 'end of the calendar year of discovery',
  notified: 'submission of an earlier notification',
} as const;
export type StartEventKind = keyof typeof START_EVENTS;
export const startEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.enum(['detection', 'awareness', 'classification', 'materialityDetermination', 'discoveryYearEnd']) }).strict(),
  z.object({ event: z.literal('notified'), rule: z.string().regex(/^[a-z0-9-]{2,80}$/) }).strict(),
]);
export type StartEvent = z.infer<typeof startEventSchema>;

export const DURATION_UNITS = ['hours', 'calendarDays', 'businessDays', 'months'] as const;
export const HOLIDAY_CALENDARS = ['US', 'US-NY', 'US-CA', 'US-TX', 'US-FL', 'US-WA', 'US-CO', 'DE', 'FR', 'IE', 'NL', 'GB'] as const;
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'An IANA time zone such as America/New_York');

export const durationSchema = z
  .object({
    amount: z.number().int().min(1).max(3650),
    unit: z.enum(DURATION_UNITS),
    /** Business days skip weekends and this calendar's public holidays. */
    calendar: z.enum(HOLIDAY_CALENDARS).optional(),
    /** The zone whose local dates count (business days, year end); UTC if absent. */
    timeZone: timeZone.optional(),
    /** Local time of day a business-day deadline ends (e.g. a filing office's closing time); end of day if absent. */
    endsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').optional(),
  })
  .strict()
  .refine((d) => d.unit !== 'businessDays' || d.calendar, { path: ['calendar'], message: 'Business days need a holiday calendar' });
export type Duration = z.infer<typeof durationSchema>;

export const limitSchema = z.object({ start: startEventSchema, within: durationSchema }).strict();
export type Limit = z.infer<typeof limitSchema>;

export const PROMPTNESS = {
  immediately: 'immediately',
  withoutUndueDelay: 'without undue delay',
  withoutUnreasonableDelay: 'without unreasonable delay',
  asPromptlyAsPossible: 'as promptly as possible',
  mostExpedient: 'in the most expedient time possible',
} as const;

/** What the draft to the recipient is pre-filled from. */
export const DRAFT_SOURCES = {
  organisation: 'Organisation',
  title: 'Incident title',
  description: 'What happened',
  detectedAt: 'Detected at',
  awareAt: 'Became aware at',
  classifiedAt: 'Classified at',
  materialityDeterminedAt: 'Materiality determined at',
  peopleAffected: 'Number of people affected',
  residents: 'Affected people by jurisdiction',
  dataCategories: 'Categories of data',
  systems: 'AI systems concerned',
  severity: 'Severity',
  status: 'Status',
  containedAt: 'Contained at',
  actions: 'Measures taken or proposed',
  timeline: 'Timeline',
  reporter: 'Contact',
} as const;
export type DraftSource = keyof typeof DRAFT_SOURCES;

export const draftItemSchema = z
  .object({ label: z.string().trim().min(1).max(300), from: z.enum(Object.keys(DRAFT_SOURCES) as [DraftSource, ...DraftSource[]]).optional() })
  .strict();

const key = z.string().trim().regex(/^[a-z0-9-]{2,80}$/, 'Lowercase letters, digits and dashes');

/** One notification obligation. */
export const ruleDefinitionSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** e.g. "EU", "US", "US-CA": shown and used to group the list. */
    jurisdiction: z.string().trim().min(2).max(20),
    citation: z.string().trim().min(1).max(200),
    sourceUrl: z.url({ protocol: /^https$/, error: 'An https:// address of the law’s text' }).optional(),
    recipient: z.string().trim().min(1).max(300),
    appliesWhen: conditionSchema,
    promptness: z.enum(Object.keys(PROMPTNESS) as [keyof typeof PROMPTNESS, ...(keyof typeof PROMPTNESS)[]]).nullable().default(null),
    /** Outer limits; the earliest counts. None: the law gives no outer limit. */
    limits: z.array(limitSchema).max(4).default([]),
    /** Within a group only the earliest applicable deadline counts (alternative periods of one article). */
    group: key.optional(),
    /** The facts the law asks the notification to contain. */
    draft: z.array(draftItemSchema).max(30).default([]),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type RuleDefinition = z.output<typeof ruleDefinitionSchema>;

export const ruleSchema = ruleDefinitionSchema.extend({ key });
export type Rule = z.output<typeof ruleSchema>;

export const shippedRulesSchema = z
  .object({
    libraryVersion: z.number().int().min(1),
    rules: z.array(ruleSchema).min(1),
    /** Keys of earlier shipped rules that this version replaces. */
    retired: z.array(z.object({ key, replacedBy: z.array(key) }).strict()).default([]),
  })
  .strict()
  .superRefine((lib, ctx) => {
    const keys = new Set<string>();
    for (const [i, r] of lib.rules.entries()) {
      if (keys.has(r.key)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'key'], message: `Duplicate key ${r.key}` });
      keys.add(r.key);
    }
    for (const [i, r] of lib.rules.entries()) {
      for (const l of r.limits) if (l.start.event === 'notified' && !keys.has(l.start.rule)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'limits'], message: `Unknown rule ${l.start.rule}` });
    }
  });
export type ShippedRules = z.output<typeof shippedRulesSchema>;

/** The facts one incident gives the rules (plain data: the page, API and preview use it). */
export type IncidentFacts = {
  flags: Record<Flag, boolean>;
  dataCategories: DataCategory[];
  roles: EntityRole[];
  /** Estimated number of people affected; null while unknown. */
  peopleAffected: number | null;
  /** Affected people by jurisdiction of residence. */
  residents: Record<string, number>;
  operatesIn: string[];
  riskClasses: string[];
  sectors: string[];
  materiality: Materiality;
  events: {
    detection: string;
    awareness: string | null;
    classification: string | null;
    materialityDetermination: string | null;
  };
  /** Notifications already sent, by rule key (they start later clocks). */
  notified: Record<string, string>;
};

export function emptyFlags(): Record<Flag, boolean> {
  return Object.fromEntries(FLAG_KEYS.map((f) => [f, false])) as Record<Flag, boolean>;
}
