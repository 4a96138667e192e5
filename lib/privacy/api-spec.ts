import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { REGIMES } from './clocks';
import { completeRequestSchema, completeTaskSchema, createActivitySchema, createRequestSchema, listRequestsQuerySchema, PROCESSING_ROLES, reasonSchema, REQUEST_STATUSES, SUBJECT_REQUEST_TYPES } from './schema';

const idParams = z.object({ id: z.string().min(1).max(64) });
const taskParams = z.object({ id: z.string().min(1).max(64), taskId: z.string().min(1).max(64) });
const iso = z.string();
const clock = z.object({ key: z.string(), label: z.string(), dueAt: iso, doneAt: iso.nullable(), state: z.string() }).strict();
const requestDetail = z
  .object({
    id: z.string(),
    reference: z.string(),
    regime: z.enum(REGIMES),
    type: z.enum(SUBJECT_REQUEST_TYPES),
    status: z.enum(REQUEST_STATUSES),
    subjectName: z.string(),
    subjectEmail: z.string(),
    subjectRef: z.string(),
    dataCategories: z.array(z.string()),
    location: z.string(),
    details: z.string(),
    system: z.object({ id: z.string(), name: z.string() }).strict().nullable(),
    handler: z.string().nullable(),
    channel: z.enum(['STAFF', 'PUBLIC']),
    receivedAt: iso,
    verifiedAt: iso.nullable(),
    originalDueAt: iso,
    dueAt: iso,
    daysLeft: z.number().nullable(),
    extendedAt: iso.nullable(),
    extensionReason: z.string().nullable(),
    closedAt: iso.nullable(),
    closeReason: z.string().nullable(),
    overdue: z.boolean(),
    answeredLate: z.boolean(),
    clocks: z.array(clock),
    datasets: z.array(z.object({ id: z.string(), name: z.string(), owner: z.string(), classification: z.string(), storageLocation: z.string(), matched: z.array(z.string()) }).strict()),
    decisions: z
      .object({ known: z.boolean(), erasedAt: iso.nullable(), count: z.number(), truncated: z.boolean(), recent: z.array(z.object({ id: z.string(), systemId: z.string(), decidedAt: iso, outcome: z.string(), humanReviewed: z.boolean() }).strict()) })
      .strict()
      .nullable()
      .describe('Decisions in the decision log by the subject reference (for callers who may read the log)'),
    tasks: z.array(
      z.object({ id: z.string(), kind: z.enum(['DELETION', 'HUMAN_REVIEW', 'PRIOR_CONSULTATION']), title: z.string(), status: z.enum(['OPEN', 'DONE']), assignee: z.string().nullable(), outcome: z.string().nullable(), evidence: z.string().nullable(), doneAt: iso.nullable(),
        decisionId: z.string().nullable().describe('The decision a human review was recorded against'),
        decisions: z.array(z.object({ id: z.string(), ref: z.string(), decidedAt: iso, outcome: z.string() }).strict()).describe('For an open human review: the subject’s decisions on the system, newest first (at most 20)'),
        capabilities: z.object({ complete: z.boolean() }).strict() }).strict(),
    ),
    capabilities: z.object({ verify: z.boolean(), startVerification: z.boolean(), confirmReceipt: z.boolean(), extend: z.boolean(), refuse: z.boolean(), complete: z.boolean(), export: z.boolean() }).strict(),
  })
  .strict();
const step = <B extends z.ZodType | undefined, R extends z.ZodType>(path: string, summary: string, description: string, body: B, response: R) =>
  defineApi({ method: 'POST', path: `/api/v1/privacy/requests/{id}${path}`, tag: 'Privacy', summary, description, permission: 'privacy:manage', params: idParams, body, response });
const statusOut = z.object({ id: z.string(), status: z.enum(REQUEST_STATUSES) }).strict();

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
    response: z.object({ items: z.array(requestSummary), total: z.number(), page: z.number(), pageSize: z.number(), capabilities: z.object({ create: z.boolean() }).strict() }).strict(),
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
  getRequest: defineApi({
    method: 'GET',
    path: '/api/v1/privacy/requests/{id}',
    tag: 'Privacy',
    summary: 'One data-subject request: its clocks, where the subject’s data is, its tasks and what the caller may do next',
    permission: 'privacy:read',
    params: idParams,
    response: requestDetail,
  }),
  startVerification: step('/start-verification', 'Identity verification has been asked of the subject', 'From RECEIVED to VERIFYING; the clock keeps running. 409 from any other state.', undefined, statusOut),
  verifyIdentity: step(
    '/verify',
    'The subject’s identity is verified; fulfilment tasks are raised',
    'Raises a deletion task per owner of a dataset that holds the subject’s data (erasure) and a human review for the system’s owner (Art. 22), in the same transaction.',
    undefined,
    z.object({ id: z.string(), status: z.enum(REQUEST_STATUSES), tasks: z.number() }).strict(),
  ),
  confirmReceipt: step('/confirm-receipt', 'CCPA: receipt confirmed to the consumer', 'Within 10 business days of receipt; 409 for GDPR requests or when already confirmed.', undefined, z.object({ id: z.string(), confirmedAt: iso }).strict()),
  extendRequest: step(
    '/extend',
    'Extend the deadline once, with the reasoned notice to the subject',
    'GDPR: two further months, only before the first deadline (Art. 12(3)). CCPA: 45 more days. A reason of at least 10 characters is required; a second extension is refused with 409.',
    reasonSchema,
    z.object({ id: z.string(), status: z.enum(REQUEST_STATUSES), dueAt: iso }).strict(),
  ),
  refuseRequest: step('/refuse', 'Refuse the request, with the reason given to the subject', 'Closes the request; a reason of at least 10 characters is required.', reasonSchema, z.object({ id: z.string(), status: z.enum(REQUEST_STATUSES), answeredLate: z.boolean() }).strict()),
  completeRequest: step(
    '/complete',
    'Fulfil the request',
    'Needs a verified identity and every task done. For an erasure, the subject’s decision-log key is destroyed and the subject’s name and e-mail are blanked on the request in the same transaction.',
    completeRequestSchema,
    z.object({ id: z.string(), status: z.enum(REQUEST_STATUSES), answeredLate: z.boolean(), decisionsErased: z.number().nullable() }).strict(),
  ),
  completeTask: defineApi({
    method: 'POST',
    path: '/api/v1/privacy/requests/{id}/tasks/{taskId}/complete',
    tag: 'Privacy',
    summary: 'Record the outcome of a request’s task (a deletion needs its evidence; a human review, the decision upheld or changed)',
    description:
      'The assignee (privacy:respond) or a privacy officer. 409 when the task is already done. A human review (Art. 22) gives result (UPHELD or CHANGED, ' +
      'with newOutcome) and decisionId, one of the subject’s decisions on the task’s system; the outcome is its reason. The review is appended to the ' +
      'decision log against that decision (decisions:review: the system’s owners and compliance) in the same transaction that closes the task.',
    permission: 'privacy:respond',
    params: taskParams,
    body: completeTaskSchema,
    response: z.object({ id: z.string(), status: z.enum(['OPEN', 'DONE']), decisionReviewId: z.string().nullable() }).strict(),
  }),
  exportRequest: defineApi({
    method: 'GET',
    path: '/api/v1/privacy/requests/{id}/export',
    tag: 'Privacy',
    summary: 'The access / portability package of a verified request (zip: JSON + CSV)',
    description: 'Built on request and never stored; the export is recorded in the audit trail. 409 for other request types or before verification.',
    permission: 'privacy:manage',
    params: idParams,
    responseType: ['application/zip'],
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
  assessmentPdf: defineApi({
    method: 'GET',
    path: '/api/v1/privacy/assessments/{id}/pdf',
    tag: 'Privacy',
    summary: 'A DPIA or FRIA version as a tagged PDF (screening, sections, risks, DPO advice, sign-off, versions)',
    description: 'Engineers read the assessments of the systems they own; a restricted auditor those of the systems in their audits.',
    permission: 'privacy:read',
    params: idParams,
    responseType: ['application/pdf'],
  }),
  storeAssessmentEvidence: defineApi({
    method: 'POST',
    path: '/api/v1/privacy/assessments/{id}/evidence',
    tag: 'Privacy',
    summary: 'Store a signed-off DPIA or FRIA version’s PDF as evidence for GDPR Art. 35 / AI Act Art. 27 and NIST AI RMF MAP 5.1',
    description: '409 for a draft or a version already stored.',
    permission: 'privacy:manage',
    params: idParams,
    response: z.object({ id: z.string(), evidenceId: z.string(), requirements: z.number().int() }).strict(),
    successStatus: 201,
  }),
};
