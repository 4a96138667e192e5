import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { anyObject, idParams } from '../schema';
import { auditInputSchema, listAuditsQuerySchema, updateAuditSchema } from './schema';

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
};
