import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { anyObject, idParams } from '../schema';
import { evidenceListSchema, evidenceMetaSchema, evidenceSummarySchema, listEvidenceQuerySchema, withdrawEvidenceSchema } from './schema';

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
  withdraw: defineApi({
    method: 'POST',
    path: '/api/v1/evidence/{id}/withdraw',
    tag: 'Evidence',
    summary: 'Withdraw evidence, or mark it superseded by newer evidence (kept for history, left out of evidence packs)',
    permission: 'evidence:write',
    params: idParams,
    body: withdrawEvidenceSchema.omit({ id: true }),
    response: z.object({ id: z.string(), title: z.string(), withdrawnAt: z.string(), supersededById: z.string().nullable() }),
  }),
};
