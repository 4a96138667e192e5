import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { incidentListSchema, INCIDENT_TYPES, listIncidentsQuerySchema, reportIncidentSchema, severitySchema, STATUSES, updateIncidentSchema } from './schema';

const idParams = z.object({ id: z.string().min(1).max(64) });
const clock = z.object({ key: z.string(), label: z.string(), dueAt: z.string(), doneAt: z.string().nullable(), state: z.enum(['running', 'overdue', 'met', 'missed']) });

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
      'The severity comes from the decision tree over the boolean answers and peopleAffected. Models may be named by id (modelIds) or registry key (modelKeys); an unknown model, AI system or version is refused with 422 and nothing is written. detectedAt may not be in the future.',
    permission: 'incidents:report',
    body: reportIncidentSchema,
    response: z.object({ id: z.string(), title: z.string(), severity: severitySchema, status: z.enum(STATUSES), type: z.enum(INCIDENT_TYPES), detectedAt: z.string(), nearMiss: z.boolean() }),
    successStatus: 201,
  }),
  get: defineApi({
    method: 'GET',
    path: '/api/v1/incidents/{id}',
    tag: 'Incidents',
    summary: 'One incident with its timeline, response clocks, regulatory deadlines, findings, rollbacks and postmortem',
    permission: 'incidents:read',
    params: idParams,
    response: z
      .object({
        id: z.string(),
        title: z.string(),
        severity: severitySchema,
        treeSeverity: severitySchema,
        status: z.enum(STATUSES),
        clocks: z.array(clock),
        deadlines: z.array(
          clock.extend({
            ruleKey: z.string(),
            regulation: z.string(),
            recipient: z.string(),
            hours: z.number(),
            notification: z.object({ notifiedAt: z.string(), recipient: z.string(), reference: z.string() }).nullable().describe('The notification sent for this deadline, if any'),
          }),
        ),
        minutesToRollback: z.number().nullable(),
      })
      .loose(),
  }),
  update: defineApi({
    method: 'PATCH',
    path: '/api/v1/incidents/{id}',
    tag: 'Incidents',
    summary: 'Update details, record a milestone (acknowledged, contained, resolved, closed) and/or override the severity',
    description:
      'All or nothing. Details and milestones up to resolved need incidents:update (system owners, compliance, admins); closing and overriding the severity need incidents:manage. Closing a SEV1/SEV2 needs a postmortem; milestone times may not be in the future or before detection.',
    permission: ['incidents:update', 'incidents:manage'],
    params: idParams,
    body: updateIncidentSchema.refine((b) => Object.values(b).some((v) => v !== undefined), 'Give at least one field to change'),
    response: z.object({ id: z.string(), title: z.string(), severity: severitySchema, status: z.enum(STATUSES) }),
  }),
};
