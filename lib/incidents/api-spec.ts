import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { DATA_CATEGORY_KEYS, ENTITY_ROLE_KEYS, FLAG_KEYS, MATERIALITY } from './rules/language';
import { incidentListSchema, INCIDENT_TYPES, listIncidentsQuerySchema, reportIncidentSchema, severitySchema, STATUSES, updateIncidentSchema } from './schema';

const idParams = z.object({ id: z.string().min(1).max(64) });
const clock = z.object({ key: z.string(), label: z.string(), dueAt: z.string(), doneAt: z.string().nullable(), state: z.enum(['running', 'overdue', 'met', 'missed']) });

export const obligationSchema = z.object({
  ruleKey: z.string(),
  name: z.string(),
  jurisdiction: z.string(),
  citation: z.string(),
  sourceUrl: z.string().nullable(),
  recipient: z.string(),
  applies: z.literal(true).nullable().describe('true: applies; null: may apply once the missing facts are known'),
  why: z.array(z.string()).describe('The facts that matched'),
  missing: z.array(z.string()),
  deadline: z.string().describe('The deadline in words, e.g. "without undue delay; at the latest 72 hours after awareness"'),
  startedBy: z.object({ event: z.string(), at: z.string() }).nullable(),
  waitingFor: z.string().nullable().describe('The start event that has not happened yet, e.g. "materiality determination"'),
  dueAt: z.string().nullable().describe('UTC; null while waiting or when the law sets no outer limit'),
  state: z.enum(['waiting', 'running', 'overdue', 'met', 'missed', 'open', 'sent']),
  notification: z.object({ ruleKey: z.string(), notifiedAt: z.string(), recipient: z.string(), reference: z.string() }).nullable(),
  note: z.string().nullable(),
});

export const incidentFactsSchema = z.object({
  flags: z.record(z.enum(FLAG_KEYS), z.boolean()),
  dataCategories: z.array(z.enum(DATA_CATEGORY_KEYS)),
  roles: z.array(z.enum(ENTITY_ROLE_KEYS)),
  peopleAffected: z.number().nullable(),
  residents: z.record(z.string(), z.number()),
  operatesIn: z.array(z.string()),
  riskClasses: z.array(z.string()),
  sectors: z.array(z.string()),
  materiality: z.enum(MATERIALITY),
  events: z.object({ detection: z.string(), awareness: z.string().nullable(), classification: z.string().nullable(), materialityDetermination: z.string().nullable() }),
  notified: z.record(z.string(), z.string()),
});

const isoOrNull = z.string().nullable();
/** Exactly what GET /api/v1/incidents/{id} returns (getIncident); strict, so the two cannot drift apart. */
export const incidentDetailSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    type: z.enum(INCIDENT_TYPES),
    severity: severitySchema,
    treeSeverity: severitySchema,
    treeAnswers: z.record(z.string(), z.union([z.boolean(), z.number()])),
    treeReasons: z.array(z.string()),
    severityOverrideReason: z.string().nullable(),
    status: z.enum(STATUSES),
    peopleAffected: z.number().nullable(),
    protectedGroup: z.boolean(),
    personalData: z.boolean(),
    healthData: z.boolean(),
    nearMiss: z.boolean(),
    reportedBy: z.string().nullable(),
    minutesToRollback: z.number().nullable(),
    rolledBackAt: isoOrNull,
    milestones: z.array(z.object({ key: z.string(), label: z.string(), at: isoOrNull, by: z.string().nullable() }).strict()),
    clocks: z.array(clock.strict()),
    obligations: z.array(obligationSchema.strict()),
    facts: incidentFactsSchema.strict(),
    systems: z.array(z.object({ id: z.string(), name: z.string(), riskTier: z.string(), regions: z.array(z.string()) }).strict()),
    models: z.array(z.object({ id: z.string(), key: z.string(), name: z.string(), production: z.string().nullable(), approved: z.array(z.string()) }).strict()),
    versions: z.array(z.object({ id: z.string(), label: z.string(), model: z.string() }).strict()),
    timeline: z.array(z.object({ id: z.string(), at: z.string(), author: z.string(), text: z.string() }).strict()),
    actions: z.array(z.object({ id: z.string(), title: z.string(), owner: z.string().nullable(), ownerId: z.string().nullable(), dueDate: z.string(), status: z.enum(['OPEN', 'DONE']), doneAt: isoOrNull, overdue: z.boolean(), capabilities: z.object({ complete: z.boolean() }).strict() }).strict()),
    postmortem: z
      .object({ summary: z.string(), impact: z.string(), rootCause: z.string(), wentWell: z.string(), wentPoorly: z.string(), correctiveActions: z.string(), lessons: z.string(), updatedAt: z.string() })
      .strict()
      .nullable(),
    findings: z.array(z.object({ id: z.string(), title: z.string(), severity: z.string(), status: z.string(), owner: z.string().nullable(), dueDate: isoOrNull }).strict()),
    deployments: z.array(z.object({ id: z.string(), kind: z.enum(['PROMOTION', 'ROLLBACK', 'RETIREMENT']), at: z.string(), reason: z.string().nullable(), model: z.string(), to: z.string().nullable(), from: z.string().nullable() }).strict()),
    notifications: z.array(z.object({ ruleKey: z.string(), notifiedAt: z.string(), recipient: z.string(), reference: z.string() }).strict()),
    capabilities: z.object({ update: z.boolean(), manage: z.boolean(), rollback: z.boolean() }).strict(),
  })
  .strict();

export const incidentsApi = {
  list: defineApi({
    method: 'GET',
    path: '/api/v1/incidents',
    tag: 'Incidents',
    summary: 'List incidents, filtered by type, severity, status, AI system, quarter (YYYY-Qn) or near miss',
    permission: 'incidents:read',
    query: listIncidentsQuerySchema,
    response: incidentListSchema,
  }),
  create: defineApi({
    method: 'POST',
    path: '/api/v1/incidents',
    tag: 'Incidents',
    summary: 'Report an incident (e.g. from a monitoring alert with a token scoped incidents:report)',
    description:
      'The severity comes from the decision tree over the boolean answers and peopleAffected. Models may be named by id (modelIds) or registry key (modelKeys); an unknown model, AI system or version is refused with 422 and nothing is written. detectedAt may not be in the future. The notification facts (dataCategories, entityRoles, notificationFlags, residents, awareAt, classifiedAt, materiality) drive the regulatory obligations; entityRoles defaults to CONTROLLER and AI_PROVIDER; personalData adds PERSONAL_DATA and healthData adds SPECIAL_CATEGORY and PHI.',
    permission: 'incidents:report',
    body: reportIncidentSchema,
    response: z.object({ id: z.string(), title: z.string(), severity: severitySchema, status: z.enum(STATUSES), type: z.enum(INCIDENT_TYPES), detectedAt: z.string(), nearMiss: z.boolean() }),
    successStatus: 201,
  }),
  get: defineApi({
    method: 'GET',
    path: '/api/v1/incidents/{id}',
    tag: 'Incidents',
    summary: 'One incident with its timeline, response clocks, regulatory obligations, findings, rollbacks and postmortem',
    description: 'obligations: per applicable notification rule, the recipient, the due time (UTC), what started the clock or what it waits for, and the facts that matched.',
    permission: 'incidents:read',
    params: idParams,
    response: incidentDetailSchema,
  }),
  update: defineApi({
    method: 'PATCH',
    path: '/api/v1/incidents/{id}',
    tag: 'Incidents',
    summary: 'Update details and notification facts, record a milestone (acknowledged, contained, resolved, closed) and/or override the severity',
    description:
      'All or nothing. Details, notification facts and milestones up to resolved need incidents:update (system owners, compliance, admins); closing and overriding the severity need incidents:manage. Closing a SEV1/SEV2 needs a postmortem; milestone times may not be in the future or before detection. Setting significantIncident or majorIctIncident without classifiedAt records the classification now; setting materiality without materialityDeterminedAt records the determination now.',
    permission: ['incidents:update', 'incidents:manage'],
    params: idParams,
    body: updateIncidentSchema.refine((b) => Object.values(b).some((v) => v !== undefined), 'Give at least one field to change'),
    response: z.object({ id: z.string(), title: z.string(), severity: severitySchema, status: z.enum(STATUSES) }),
  }),
  draft: defineApi({
    method: 'GET',
    path: '/api/v1/incidents/{id}/notifications/{ruleKey}/draft',
    tag: 'Incidents',
    summary: 'A regulator notification draft for one obligation: the facts the law asks for, pre-filled from the incident (Markdown or plain text)',
    permission: 'incidents:read',
    params: idParams.extend({ ruleKey: z.string().regex(/^[a-z0-9-]{2,80}$/) }),
    query: z.object({ format: z.enum(['md', 'txt']).default('md') }),
    responseType: 'text/markdown',
  }),
};
