import { z } from 'zod';
import { BULK_JSON_MAX_BYTES } from '@/lib/api/limits';
import { defineApi } from '@/lib/api/spec';
import { DRIFT_METHODS } from './drift';
import { ALERT_KINDS, ALERT_LEVELS, ALERT_STATUSES, alertActionSchema, createMonitorSchema, evidentlyReportSchema, HEALTH, ingestRowsSchema, ingestWindowsSchema, listAlertsQuerySchema, listMonitorsQuerySchema } from './schema';

const idParams = z.object({ id: z.string().min(1).max(64) });
const level = z.enum(['OK', 'WARNING', 'BREACH']);
const worst = z.object({ metric: z.string(), attribute: z.string(), group: z.string(), value: z.number(), threshold: z.number(), direction: z.string(), margin: z.number().optional() }).nullable();

export const alertSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(ALERT_KINDS),
  level: z.enum(ALERT_LEVELS),
  status: z.enum(ALERT_STATUSES),
  subject: z.string(),
  attribute: z.string(),
  group: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  versionId: z.string(),
  model: z.string(),
  version: z.string(),
  openedAt: z.string(),
  lastSeenAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgeNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolveNote: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  incidentId: z.string().nullable(),
  capabilities: z.object({ acknowledge: z.boolean(), resolve: z.boolean() }),
});

const ingestResult = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  alertsOpened: z.number(),
  alertsRaised: z.number(),
  incidentsOpened: z.number(),
  windows: z.array(z.object({ windowId: z.string(), id: z.string(), result: z.enum(['created', 'updated', 'unchanged']), health: level })),
});

// Bulk ingestion reads bodies up to 24 MB (the API's default is 2 MB): 50,000 raw rows, or 500 windows of many features and groups.
const INGEST_MAX_BYTES = BULK_JSON_MAX_BYTES;
const badRows = 'A bad window or row is refused with 422: error.details.invalid lists every one as { row, ref, reason } and nothing is stored.';

export const monitoringApi = {
  list: defineApi({
    method: 'GET',
    path: '/api/v1/monitoring/monitors',
    tag: 'Monitoring',
    summary: 'Every monitored model version: status, open alerts, last window, worst metric against its threshold',
    permission: 'monitoring:read',
    query: listMonitorsQuerySchema,
    response: z.object({
      total: z.number(),
      page: z.number(),
      pageSize: z.number(),
      capabilities: z.object({ configure: z.boolean() }),
      monitors: z.array(
        z.object({
          id: z.string(),
          versionId: z.string(),
          model: z.object({ id: z.string(), key: z.string(), name: z.string() }),
          version: z.string(),
          stage: z.string(),
          system: z.string(),
          highRisk: z.boolean(),
          owner: z.string(),
          health: z.enum(HEALTH),
          lastWindowEnd: z.string().nullable(),
          windowCount: z.number(),
          openBreaches: z.number(),
          openWarnings: z.number(),
          worst,
        }),
      ),
    }),
  }),
  create: defineApi({
    method: 'POST',
    path: '/api/v1/monitoring/monitors',
    tag: 'Monitoring',
    summary: 'Configure the monitor of a model version (metrics per group, reference distributions, missing-data and escalation delays)',
    description: `Without metrics, the version's documented metrics with thresholds are watched overall and per group, with disparate impact and parity difference per group from the AI system's fairness thresholds. Feature methods default as Evidently's (${DRIFT_METHODS.join(', ')}; see docs/monitoring.md).`,
    permission: 'monitoring:write',
    body: createMonitorSchema,
    response: z.object({ id: z.string(), versionId: z.string(), metrics: z.number(), features: z.number() }),
    successStatus: 201,
  }),
  get: defineApi({
    method: 'GET',
    path: '/api/v1/monitoring/monitors/{id}',
    tag: 'Monitoring',
    summary: 'A monitor (by its id or its version id): specs, time series per group, drift of the last 30 windows, open alerts',
    permission: 'monitoring:read',
    params: idParams,
    response: z.object({}).passthrough(),
  }),
  windows: defineApi({
    method: 'POST',
    path: '/api/v1/monitoring/monitors/{id}/windows',
    tag: 'Monitoring',
    summary: 'Send up to 500 windows (time range, counts, metrics overall and per group, feature summaries)',
    description: `Idempotent by windowId: an identical re-send changes nothing; a changed one (late labels) replaces the window. ${badRows} The body may be up to 24 MB.`,
    permission: 'monitoring:write',
    params: idParams,
    body: ingestWindowsSchema,
    maxBodyBytes: INGEST_MAX_BYTES,
    response: ingestResult,
  }),
  rows: defineApi({
    method: 'POST',
    path: '/api/v1/monitoring/monitors/{id}/rows',
    tag: 'Monitoring',
    summary: 'Send raw prediction rows (y_true, y_pred, score, group, features) for one window; the portal aggregates them',
    description: `${badRows} The body may be up to 24 MB (50,000 rows with a few dozen features).`,
    permission: 'monitoring:write',
    params: idParams,
    body: ingestRowsSchema,
    maxBodyBytes: INGEST_MAX_BYTES,
    response: ingestResult,
  }),
  evidently: defineApi({
    method: 'POST',
    path: '/api/v1/monitoring/monitors/{id}/evidently',
    tag: 'Monitoring',
    summary: 'Send an Evidently 0.4 Report JSON unchanged as one window (DataDriftTable, ColumnDriftMetric, ClassificationQualityMetric)',
    description: badRows,
    permission: 'monitoring:write',
    params: idParams,
    body: evidentlyReportSchema,
    response: ingestResult,
  }),
  alerts: defineApi({
    method: 'GET',
    path: '/api/v1/monitoring/alerts',
    tag: 'Monitoring',
    summary: 'Monitoring alerts, filtered by status (or UNRESOLVED), level, kind and monitor or version id; 50 a page',
    permission: 'monitoring:read',
    query: listAlertsQuerySchema,
    response: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), alerts: z.array(alertSchema) }),
  }),
  actOnAlert: defineApi({
    method: 'POST',
    path: '/api/v1/monitoring/alerts/{id}',
    tag: 'Monitoring',
    summary: 'Acknowledge (open → acknowledged) or resolve an alert, with a note',
    permission: 'monitoring:write',
    params: idParams,
    body: alertActionSchema,
    response: z.object({ id: z.string(), status: z.enum(ALERT_STATUSES), at: z.string() }),
  }),
};
