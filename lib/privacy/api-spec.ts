import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { REGIMES } from './clocks';
import { createActivitySchema, createRequestSchema, listRequestsQuerySchema, PROCESSING_ROLES, REQUEST_STATUSES, SUBJECT_REQUEST_TYPES } from './schema';

const requestSummary = z
  .object({
    id: z.string(),
    reference: z.string(),
    regime: z.enum(REGIMES),
    type: z.enum(SUBJECT_REQUEST_TYPES),
    status: z.enum(REQUEST_STATUSES),
    subjectName: z.string(),
    receivedAt: z.string(),
    dueAt: z.string(),
    closedAt: z.string().nullable(),
    daysLeft: z.number().nullable().describe('Whole days to the deadline while open; negative when past'),
    extended: z.boolean(),
    overdue: z.boolean().describe('Set by the privacy.record-overdue-requests job'),
    answeredLate: z.boolean(),
  })
  .strict();

const activity = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(PROCESSING_ROLES),
    controllerName: z.string(),
    contact: z.string(),
    purposes: z.array(z.object({ purpose: z.string(), legalBasis: z.string(), art9Condition: z.string().nullable() }).strict()),
    subjectCategories: z.array(z.string()),
    dataCategories: z.array(z.string()),
    specialCategories: z.boolean(),
    recipients: z.array(z.string()),
    transfers: z.array(z.object({ country: z.string(), safeguard: z.string() }).strict()),
    retention: z.string(),
    securityMeasures: z.string(),
    systemIds: z.array(z.string()),
    datasetIds: z.array(z.string()),
    systems: z.array(z.string()),
    datasets: z.array(z.string()),
    updatedAt: z.string(),
    missing: z.array(z.string()).describe('What Art. 30(1) still asks for; empty when complete'),
    complete: z.boolean(),
  })
  .strict();

export const privacyApi = {
  listRequests: defineApi({
    method: 'GET',
    path: '/api/v1/privacy/requests',
    tag: 'Privacy',
    summary: 'List data-subject requests by deadline, filtered by status, type or open/closed',
    permission: 'privacy:read',
    query: listRequestsQuerySchema,
    response: z.object({ items: z.array(requestSummary), total: z.number(), page: z.number(), pageSize: z.number() }).strict(),
  }),
  createRequest: defineApi({
    method: 'POST',
    path: '/api/v1/privacy/requests',
    tag: 'Privacy',
    summary: 'Take in a data-subject request; its statutory deadline is computed from the receipt date',
    description:
      'GDPR: one month from receipt (Regulation 1182/71: 31 January → end of 28/29 February). CCPA: 10 business days to confirm receipt (California holidays) and 45 days to respond. receivedAt may not be in the future; an unknown systemId is refused with 422 and nothing is written.',
    permission: 'privacy:manage',
    body: createRequestSchema,
    response: z.object({ id: z.string(), reference: z.string(), regime: z.enum(REGIMES), type: z.enum(SUBJECT_REQUEST_TYPES), status: z.enum(REQUEST_STATUSES), receivedAt: z.string(), dueAt: z.string(), confirmDueAt: z.string().nullable() }).strict(),
    successStatus: 201,
  }),
  listActivities: defineApi({
    method: 'GET',
    path: '/api/v1/privacy/activities',
    tag: 'Privacy',
    summary: 'The records of processing activities (GDPR Art. 30) with their completeness flags',
    permission: 'privacy:read',
    response: z.object({ items: z.array(activity), capabilities: z.object({ create: z.boolean(), edit: z.boolean() }).strict() }).strict(),
  }),
  createActivity: defineApi({
    method: 'POST',
    path: '/api/v1/privacy/activities',
    tag: 'Privacy',
    summary: 'Add a processing activity to the register',
    description: 'Unknown AI systems or datasets are refused with 422 naming the field; nothing is written.',
    permission: 'privacy:manage',
    body: createActivitySchema,
    response: z.object({ id: z.string(), name: z.string() }).strict(),
    successStatus: 201,
  }),
  exportActivities: defineApi({
    method: 'GET',
    path: '/api/v1/privacy/activities/export',
    tag: 'Privacy',
    summary: 'The Art. 30 register as CSV or XLSX, one row per activity in the order of Art. 30(1)(a)–(g)',
    permission: 'privacy:read',
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }).strict(),
    responseType: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
};
