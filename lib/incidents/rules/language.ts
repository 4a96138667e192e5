import { z } from 'zod';

// The notification rule language: an obligation is data (zod-validated JSON),
// never code. A rule says when it applies (a condition over the incident's
// facts), when its clock starts (an event), how long it runs (hours, calendar
// days, business days on a holiday calendar, or months), to whom, and where
// the law says so. Pure module: the server, the admin preview and the tests
// share it.

/** Yes/no facts of an incident, each with the legal wording it stands for. */
export const FLAGS = {
  death: 'Death of a person (EU AI Act Art. 3(49)(a))',
  seriousHealthHarm: 'Serious harm to a person’s health (EU AI Act Art. 3(49)(a))',
  criticalInfrastructureDisruption: 'Serious and irreversible disruption of the management or operation of critical infrastructure (EU AI Act Art. 3(49)(b); critical infrastructure as in Directive (EU) 2022/2557 Art. 2(4))',
  fundamentalRightsInfringement: 'Infringement of obligations under Union law intended to protect fundamental rights (EU AI Act Art. 3(49)(c))',
  propertyEnvironmentHarm: 'Serious harm to property or the environment (EU AI Act Art. 3(49)(d))',
  widespreadInfringement: 'Widespread infringement: harms the collective interests of individuals in at least two Member States other than where it originated or the operator is established, or the same practice concurrently in at least three Member States (EU AI Act Art. 3(61))',
  highRiskToIndividuals: 'The personal data breach is likely to result in a high risk to the rights and freedoms of natural persons (GDPR Art. 34(1))',
  breachUnlikelyToResultInRisk: 'The personal data breach is unlikely to result in a risk to the rights and freedoms of natural persons (GDPR Art. 33(1) exception)',
  dataEncrypted: 'The data was encrypted (or otherwise secured) and the key was not compromised (HIPAA “unsecured PHI”, GDPR Art. 34(3)(a), state and GLBA encryption exemptions)',
  significantIncident: 'Significant incident: severe operational disruption or financial loss, or considerable damage to others (NIS2 Art. 23(3))',
  majorIctIncident: 'Major ICT-related incident (DORA Art. 3(10), classified under Art. 18 and Delegated Regulation (EU) 2024/1772)',
  cybersecurityIncident: 'Cybersecurity incident: an unauthorised occurrence on or through information systems that jeopardises their confidentiality, integrity or availability or any information in them (17 CFR 229.106(a))',
  nydfsReportableEvent: 'Cybersecurity incident under 23 NYCRR 500.1(g): requires notice to a government or supervisory body, is reasonably likely to materially harm normal operations, or deploys ransomware in a material part of the systems',
  nearMiss: 'Near miss: caught before anyone was affected',
} as const;
export type Flag = keyof typeof FLAGS;
export const FLAG_KEYS = Object.keys(FLAGS) as Flag[];

export const DATA_CATEGORIES = {
  PERSONAL_DATA: 'Personal data (GDPR Art. 4(1))',
  SPECIAL_CATEGORY: 'Special categories of personal data (GDPR Art. 9(1): health, biometric for identification, genetic, racial or ethnic origin, …)',
  PHI: 'Protected health information (HIPAA, 45 CFR 160.103)',
  BIOMETRIC: 'Biometric data (not PHI by itself)',
  MEDICAL: 'Medical or health-insurance information (state breach laws)',
  GOVERNMENT_ID: 'Government identifier: social security, driver’s licence, passport or state ID number',
  FINANCIAL_ACCOUNT: 'Financial account or card number with its access code',
  CREDENTIALS: 'Username or e-mail address with password or security answer',
  CUSTOMER_INFORMATION: 'Customer information of a financial institution (GLBA, 16 CFR 314.2)',
} as const;
export type DataCategory = keyof typeof DATA_CATEGORIES;
export const DATA_CATEGORY_KEYS = Object.keys(DATA_CATEGORIES) as DataCategory[];

export const ENTITY_ROLES = {
  CONTROLLER: 'Controller (GDPR Art. 4(7))',
  PROCESSOR: 'Processor (GDPR Art. 4(8))',
  COVERED_ENTITY: 'HIPAA covered entity (45 CFR 160.103)',
  BUSINESS_ASSOCIATE: 'HIPAA business associate (45 CFR 160.103)',
  AI_PROVIDER: 'Provider of the AI system (EU AI Act Art. 3(3))',
  GPAI_SYSTEMIC_RISK: 'Provider of a general-purpose AI model with systemic risk (EU AI Act Art. 51)',
  ESSENTIAL_ENTITY: 'Essential entity (NIS2 Art. 3(1))',
  IMPORTANT_ENTITY: 'Important entity (NIS2 Art. 3(2))',
  FINANCIAL_ENTITY: 'Financial entity (DORA Art. 2)',
  SEC_REGISTRANT: 'SEC registrant (files Form 8-K)',
  NYDFS_COVERED_ENTITY: 'NYDFS covered entity (23 NYCRR 500.1)',
  FTC_FINANCIAL_INSTITUTION: 'Financial institution under the FTC Safeguards Rule (16 CFR 314.1)',
} as const;
export type EntityRole = keyof typeof ENTITY_ROLES;
export const ENTITY_ROLE_KEYS = Object.keys(ENTITY_ROLES) as EntityRole[];

/** Where affected AI systems operate (the AI system register's regions). */
export const OPERATING_REGIONS = ['EU', 'US', 'UK', 'CA', 'APAC', 'OTHER'] as const;
export const RISK_CLASSES = ['PROHIBITED', 'HIGH', 'LIMITED', 'MINIMAL', 'GENERAL_PURPOSE'] as const;
export const SECTORS = ['HEALTHCARE', 'FINANCE', 'ECOMMERCE', 'HR', 'OTHER'] as const;
export const MATERIALITY = ['NOT_ASSESSED', 'MATERIAL', 'NOT_MATERIAL'] as const;
export type Materiality = (typeof MATERIALITY)[number];

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
