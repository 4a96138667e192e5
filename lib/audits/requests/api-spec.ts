import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { anyObject, idParams } from '../schema';
import { createRequestSchema, listRequestsQuerySchema } from './schema';

export const requestsApi = {
  list: defineApi({ method: 'GET', path: '/api/v1/evidence/requests', tag: 'Evidence', summary: 'Evidence requests', permission: 'audits:read', query: listRequestsQuerySchema, response: z.array(anyObject) }),
  create: defineApi({ method: 'POST', path: '/api/v1/evidence/requests', tag: 'Evidence', summary: 'Ask for evidence on a requirement or finding', permission: 'evidence:request', body: createRequestSchema, response: anyObject, successStatus: 201 }),
  review: defineApi({ method: 'POST', path: '/api/v1/evidence/requests/{id}/review', tag: 'Evidence', summary: 'Accept or reject submitted evidence', permission: 'evidence:request', params: idParams, body: z.object({ decision: z.enum(['accept', 'reject']), comment: z.string().max(5000).optional() }), response: anyObject }),
};
