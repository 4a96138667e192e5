import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { anyObject, idParams } from '../schema';
import { acceptRiskSchema, commentSchema, createFindingSchema, findingListSchema, listFindingsQuerySchema, transitionSchema, updateFindingSchema } from './schema';

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
