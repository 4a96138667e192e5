import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { createRequestSchema, evidenceListSchema, evidenceMetaSchema, evidenceSummarySchema, listEvidenceQuerySchema, listRequestsQuerySchema } from '@/lib/evidence/schema';
import { acceptRiskSchema, commentSchema, createFindingSchema, findingListSchema, listFindingsQuerySchema, transitionSchema, updateFindingSchema } from '@/lib/findings/schema';
import { auditInputSchema, auditSettingsSchema, certificationInputSchema, listAuditsQuerySchema, updateAuditSchema } from './schema';

const idParams = z.object({ id: z.string().min(1).max(64) });
const anyObject = z.record(z.string(), z.unknown());

export const auditsApi = {
  list: defineApi({ method: 'GET', path: '/api/v1/audits', tag: 'Audits', summary: 'List audits (auditors see the audits they are assigned to)', permission: 'audits:read', query: listAuditsQuerySchema, response: anyObject }),
  create: defineApi({ method: 'POST', path: '/api/v1/audits', tag: 'Audits', summary: 'Create an audit engagement with its scope and auditors', permission: 'audits:manage', body: auditInputSchema, response: z.object({ id: z.string(), title: z.string(), status: z.string() }), successStatus: 201 }),
  get: defineApi({ method: 'GET', path: '/api/v1/audits/{id}', tag: 'Audits', summary: 'One audit with its scope, auditors and findings by status', permission: 'audits:read', params: idParams, response: anyObject }),
  update: defineApi({ method: 'PATCH', path: '/api/v1/audits/{id}', tag: 'Audits', summary: 'Change status, firm, auditors or the final report', permission: 'audits:manage', params: idParams, body: updateAuditSchema.omit({ id: true }), response: anyObject }),
  pack: defineApi({
    method: 'GET',
    path: '/api/v1/audits/{id}/evidence-pack',
    tag: 'Audits',
    summary: 'Download the signed evidence pack (ZIP, streamed)',
    description: 'Evidence files, manifest.json and manifest.csv with SHA-256s, findings with history, a matrix snapshot for the scope, and manifest.sig (Ed25519 over manifest.json; public key at /api/v1/signing-key). Verify offline with `npm run verify-pack -- pack.zip --key key.pem`.',
    permission: 'audits:read',
    params: idParams,
    responseType: 'application/zip',
  }),
  getSettings: defineApi({ method: 'GET', path: '/api/v1/audits/settings', tag: 'Audits', summary: 'Due-date defaults by severity and auditor visibility', permission: 'audits:read', response: auditSettingsSchema }),
  putSettings: defineApi({ method: 'PUT', path: '/api/v1/audits/settings', tag: 'Audits', summary: 'Change due-date defaults and which auditors see everything', permission: 'settings:manage', body: auditSettingsSchema, response: auditSettingsSchema }),
};

export const findingsApi = {
  list: defineApi({ method: 'GET', path: '/api/v1/findings', tag: 'Findings', summary: 'List findings with filters, aging and overdue flags', permission: 'audits:read', query: listFindingsQuerySchema, response: findingListSchema }),
  create: defineApi({ method: 'POST', path: '/api/v1/findings', tag: 'Findings', summary: 'Raise a finding (due date defaults by severity)', permission: 'findings:raise', body: createFindingSchema, response: anyObject, successStatus: 201 }),
  get: defineApi({ method: 'GET', path: '/api/v1/findings/{id}', tag: 'Findings', summary: 'One finding with links, comments, evidence and history', permission: 'audits:read', params: idParams, response: anyObject }),
  update: defineApi({ method: 'PATCH', path: '/api/v1/findings/{id}', tag: 'Findings', summary: 'Edit a finding (compliance, or its owner)', permission: 'findings:manage', params: idParams, body: updateFindingSchema.omit({ id: true }), response: anyObject }),
  transition: defineApi({
    method: 'POST',
    path: '/api/v1/findings/{id}/transitions',
    tag: 'Findings',
    summary: 'Move a finding through its workflow',
    description: 'start_remediation and ready_for_verification: the owner or compliance. close, reject_verification and reopen: an auditor or compliance officer who does not own the finding.',
    permission: ['findings:manage', 'findings:verify'],
    params: idParams,
    body: transitionSchema.omit({ id: true }),
    response: anyObject,
  }),
  acceptRisk: defineApi({ method: 'POST', path: '/api/v1/findings/{id}/risk-acceptance', tag: 'Findings', summary: 'Accept the risk until an expiry date (reopens when it expires)', permission: 'findings:verify', params: idParams, body: acceptRiskSchema.omit({ id: true }), response: anyObject }),
  comment: defineApi({ method: 'POST', path: '/api/v1/findings/{id}/comments', tag: 'Findings', summary: 'Comment on a finding', permission: 'findings:raise', params: idParams, body: commentSchema.omit({ id: true }), response: anyObject, successStatus: 201 }),
  export: defineApi({
    method: 'GET',
    path: '/api/v1/findings/export',
    tag: 'Findings',
    summary: 'The audit tracking table as CSV or XLSX',
    permission: 'audits:read',
    query: listFindingsQuerySchema.omit({ page: true, pageSize: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    responseType: 'application/octet-stream',
  }),
};

export const evidenceApi = {
  list: defineApi({ method: 'GET', path: '/api/v1/evidence', tag: 'Evidence', summary: 'List evidence (stale=true for expired evidence)', permission: 'audits:read', query: listEvidenceQuerySchema, response: evidenceListSchema }),
  upload: defineApi({
    method: 'POST',
    path: '/api/v1/evidence',
    tag: 'Evidence',
    summary: 'Upload a file (multipart field "file") or record a link ("url")',
    description: 'The content type is detected from the bytes; the size limit and allowed types are configurable (EVIDENCE_MAX_MB, EVIDENCE_ALLOWED_TYPES). Link ids are repeated fields (requirementIds, cellIds, controlIds, findingIds, modelVersionIds).',
    permission: 'evidence:write',
    bodyType: 'multipart',
    body: evidenceMetaSchema.extend({ file: z.string().optional().meta({ format: 'binary' }) }),
    response: anyObject,
    successStatus: 201,
  }),
  get: defineApi({ method: 'GET', path: '/api/v1/evidence/{id}', tag: 'Evidence', summary: 'Evidence metadata and links', permission: 'audits:read', params: idParams, response: evidenceSummarySchema.passthrough() }),
  download: defineApi({
    method: 'GET',
    path: '/api/v1/evidence/{id}/download',
    tag: 'Evidence',
    summary: 'Download the file after re-checking its SHA-256 (409 and a tampering event on mismatch); links redirect',
    permission: 'audits:read',
    params: idParams,
    responseType: 'application/octet-stream',
  }),
  listRequests: defineApi({ method: 'GET', path: '/api/v1/evidence/requests', tag: 'Evidence', summary: 'Evidence requests', permission: 'audits:read', query: listRequestsQuerySchema, response: z.array(anyObject) }),
  createRequest: defineApi({ method: 'POST', path: '/api/v1/evidence/requests', tag: 'Evidence', summary: 'Ask for evidence on a requirement or finding', permission: 'evidence:request', body: createRequestSchema, response: anyObject, successStatus: 201 }),
  reviewRequest: defineApi({ method: 'POST', path: '/api/v1/evidence/requests/{id}/review', tag: 'Evidence', summary: 'Accept or reject submitted evidence', permission: 'evidence:request', params: idParams, body: z.object({ decision: z.enum(['accept', 'reject']), comment: z.string().max(5000).optional() }), response: anyObject }),
};

export const certificationsApi = {
  list: defineApi({ method: 'GET', path: '/api/v1/certifications', tag: 'Certifications', summary: 'Certifications with expiry flags (expiring within 90 days)', permission: 'audits:read', response: z.array(anyObject) }),
  create: defineApi({ method: 'POST', path: '/api/v1/certifications', tag: 'Certifications', summary: 'Record a certification', permission: 'audits:manage', body: certificationInputSchema, response: anyObject, successStatus: 201 }),
};
