import { z } from 'zod';
import { instantInput, numeric } from '@/lib/api/params';
import { DRIFT_METHODS } from './drift';

// Zod schemas of the monitoring domain (safe for the client).

export const METRIC_NAMES = ['accuracy', 'precision', 'recall', 'f1', 'auc', 'calibration_error', 'false_positive_rate', 'false_negative_rate', 'selection_rate', 'mean_score'] as const;
export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export const ALERT_LEVELS = ['WARNING', 'BREACH'] as const;
export const ALERT_KINDS = ['METRIC', 'DRIFT', 'MISSING_DATA'] as const;
export const HEALTH = ['OK', 'WARNING', 'BREACH', 'MISSING', 'NO_DATA'] as const;

const name = z.string().trim().min(1, 'Enter a name').max(120, 'At most 120 characters').regex(/^[^\u0000-\u001f]+$/, 'No control characters');
const finite = z.number({ error: 'Enter a number' }).refine(Number.isFinite, 'Enter a finite number');
const count = z.number({ error: 'Enter a whole number' }).int('Enter a whole number').min(0, 'Cannot be negative').max(1_000_000_000_000);

export const metricValueSchema = z
  .object({
    name,
    value: finite,
    attribute: name.optional().describe('Protected attribute; absent for the overall figure'),
    group: name.optional().describe('The group of that attribute, e.g. "<25"'),
    count: count.optional().describe('Rows behind the figure; 0 means the group had no data'),
  })
  .strict()
  .refine((m) => (m.attribute === undefined) === (m.group === undefined), { message: 'Give attribute and group together', path: ['group'] });

export const featureSummarySchema = z.union([
  z.object({ counts: z.array(count).min(1).max(1000).describe('Counts over the reference histogram\'s bins') }).strict(),
  z.object({ categories: z.record(z.string().max(200), count).describe('Counts per category') }).strict(),
]);

export const windowSchema = z
  .object({
    windowId: name.describe('Your id of the window: re-sending it replaces the window (late labels)'),
    start: instantInput('Give the start as an ISO 8601 time'),
    end: instantInput('Give the end as an ISO 8601 time'),
    rowCount: count,
    labelledCount: count.optional(),
    metrics: z.array(metricValueSchema).max(2000).default([]),
    features: z.record(z.string().max(120), featureSummarySchema).default({}),
  })
  .strict()
  .refine((w) => w.end.getTime() > w.start.getTime(), { message: 'The end must be after the start', path: ['end'] });
export type WindowInput = z.output<typeof windowSchema>;

export const ingestWindowsSchema = z.object({ windows: z.array(z.unknown()).min(1, 'Send at least one window').max(500, 'At most 500 windows per request') }).strict();

export const ingestRowsSchema = z
  .object({
    windowId: name,
    start: instantInput('Give the start as an ISO 8601 time'),
    end: instantInput('Give the end as an ISO 8601 time'),
    rows: z.array(z.unknown()).min(1, 'Send at least one row').max(50_000, 'At most 50,000 rows per request'),
  })
  .strict();

export const evidentlyReportSchema = z
  .object({
    windowId: name,
    start: instantInput('Give the start as an ISO 8601 time'),
    end: instantInput('Give the end as an ISO 8601 time'),
    report: z.object({ metrics: z.array(z.object({ metric: z.string(), result: z.unknown() }).passthrough()).min(1) }).passthrough().describe('The JSON of an Evidently 0.4 Report (report.json())'),
  })
  .strict();

const metricSpecSchema = z
  .object({
    name,
    attribute: z.string().trim().max(120).default(''),
    direction: z.enum(['AT_LEAST', 'AT_MOST']),
    threshold: finite,
    warningRatio: z.number().gt(0).lt(1).default(0.8),
    baseline: finite.nullable().optional(),
    fairness: z.boolean().optional(),
  })
  .strict();

const referenceSchema = z.union([
  z.object({ edges: z.array(finite).min(2).max(1001), counts: z.array(count).min(1).max(1000) }).strict(),
  z.object({ categories: z.record(z.string().max(200), count) }).strict(),
]);

const featureSpecSchema = z
  .object({
    name,
    kind: z.enum(['NUMERIC', 'CATEGORICAL']),
    role: z.enum(['FEATURE', 'PREDICTION', 'LABEL']).default('FEATURE'),
    method: z.enum(DRIFT_METHODS).optional().describe('Default: as Evidently (see docs/monitoring.md)'),
    threshold: z.number().gt(0).max(100).optional(),
    reference: referenceSchema,
  })
  .strict();

export const createMonitorSchema = z
  .object({
    versionId: z.string().min(1).max(64),
    groupAttributes: z.array(name).max(20).optional(),
    cadenceHours: numeric(z.number().int().min(1).max(24 * 31)).default(24),
    missingAfterHours: numeric(z.number().int().min(1).max(24 * 62)).default(26),
    escalateAfterDays: numeric(z.number().int().min(1).max(90)).default(3),
    reviewer: z.string().trim().max(300).default(''),
    reviewCadence: z.string().trim().max(300).default(''),
    metrics: z.array(metricSpecSchema).max(200).optional().describe('Default: the version\'s documented metrics with thresholds, overall and per group'),
    features: z.array(featureSpecSchema).max(500).default([]),
  })
  .strict()
  .refine((m) => m.missingAfterHours >= m.cadenceHours, { message: 'Missing data must be declared after at least one cadence', path: ['missingAfterHours'] });
export type CreateMonitorInput = z.input<typeof createMonitorSchema>;

export const alertActionSchema = z
  .object({
    action: z.enum(['acknowledge', 'resolve'], { error: 'Choose acknowledge or resolve' }),
    note: z.string().trim().min(1, 'Write a note').max(4000, 'At most 4,000 characters'),
  })
  .strict();
export type AlertActionInput = z.input<typeof alertActionSchema>;

export const listAlertsQuerySchema = z
  .object({
    status: z.enum([...ALERT_STATUSES, 'UNRESOLVED'] as const).optional(),
    level: z.enum(ALERT_LEVELS).optional(),
    kind: z.enum(ALERT_KINDS).optional(),
    monitorId: z.string().min(1).max(64).optional(),
    page: numeric(z.number().int().min(1).max(100_000)).default(1),
  })
  .strict();
export type ListAlertsQuery = z.input<typeof listAlertsQuerySchema>;

/** The overview's query: one page of monitored versions. */
export const listMonitorsQuerySchema = z.object({ page: numeric(z.number().int().min(1).max(100_000)).default(1) }).strip();
export type ListMonitorsQuery = z.input<typeof listMonitorsQuerySchema>;

/** The alert forms: the same action with the alert's id. */
export const alertActionFormSchema = z.object({ id: z.string().min(1).max(64), note: alertActionSchema.shape.note });

const attributesText = z
  .string()
  .trim()
  .max(1000)
  .default('')
  .transform((s) => [...new Set(s.split(',').map((a) => a.trim()).filter(Boolean))])
  .refine((a) => a.length <= 20 && a.every((x) => x.length <= 120), 'List at most 20 attributes, separated by commas');

const settingsFields = {
  cadenceHours: numeric(z.number({ error: 'Enter a whole number of hours' }).int('Enter a whole number of hours').min(1, 'At least 1 hour').max(24 * 31, 'At most 744 hours')).default(24),
  missingAfterHours: numeric(z.number({ error: 'Enter a whole number of hours' }).int('Enter a whole number of hours').min(1, 'At least 1 hour').max(24 * 62, 'At most 1,488 hours')).default(26),
  escalateAfterDays: numeric(z.number({ error: 'Enter a whole number of days' }).int('Enter a whole number of days').min(1, 'At least 1 day').max(90, 'At most 90 days')).default(3),
  reviewer: z.string().trim().max(300, 'At most 300 characters').default(''),
  reviewCadence: z.string().trim().max(300, 'At most 300 characters').default(''),
};
const missingAfterCadence = { message: 'Missing data must be declared after at least one cadence', path: ['missingAfterHours'] };

/** The screen's monitor form: the version, its protected attributes (comma-separated) and the plan's settings; metrics come from the version's documentation. */
export const createMonitorFormSchema = z
  .object({ versionId: z.string({ error: 'Choose a model version' }).min(1, 'Choose a model version').max(64), groupAttributes: attributesText, ...settingsFields })
  .refine((m) => m.missingAfterHours >= m.cadenceHours, missingAfterCadence);

/** A monitor's settings and, optionally, one metric's warning point (as a share of the way from ideal to threshold). */
export const updateMonitorSchema = z
  .object({
    id: z.string().min(1).max(64),
    ...settingsFields,
    metric: z.string().max(260).default('').describe('"name|attribute" of the metric whose warning ratio changes'),
    warningRatio: z.union([z.literal(''), numeric(z.number({ error: 'Enter a number between 0 and 1' }).gt(0, 'Above 0').lt(1, 'Below 1'))]).default(''),
  })
  .refine((m) => m.missingAfterHours >= m.cadenceHours, missingAfterCadence)
  .refine((m) => (m.metric === '') === (m.warningRatio === ''), { message: 'Give the metric and its warning ratio together', path: ['warningRatio'] });
export type UpdateMonitorInput = z.input<typeof updateMonitorSchema>;
