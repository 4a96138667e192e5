import { defineApi } from '@/lib/api/spec';
import { auditEventPageSchema, auditEventQuerySchema, verifyResultSchema } from './schema';

export const auditApi = {
  list: defineApi({
    method: 'GET',
    path: '/api/v1/audit-events',
    tag: 'Audit trail',
    summary: 'Search the audit trail (newest first, keyset pagination with `before`)',
    permission: 'audit-trail:read',
    query: auditEventQuerySchema,
    response: auditEventPageSchema,
  }),
  exportCsv: defineApi({
    method: 'GET',
    path: '/api/v1/audit-events/export',
    tag: 'Audit trail',
    summary: 'Export the filtered audit trail as CSV (streamed)',
    permission: 'audit-trail:read',
    query: auditEventQuerySchema.omit({ limit: true }),
    responseType: 'text/csv',
  }),
  verify: defineApi({
    method: 'GET',
    path: '/api/v1/audit-events/verify',
    tag: 'Audit trail',
    summary: 'Recompute the hash chain and report the first broken event',
    permission: 'audit-trail:verify',
    response: verifyResultSchema,
  }),
};
