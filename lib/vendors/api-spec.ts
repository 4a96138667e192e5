import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { idParams } from '@/lib/audits/schema';
import { createVendorSchema, listVendorsQuerySchema, sendQuestionnaireSchema, VENDOR_CATEGORIES, vendorDetailSchema, vendorListSchema } from './schema';

const tag = 'Vendors';

export const vendorsApi = {
  list: defineApi({
    method: 'GET',
    path: '/api/v1/vendors',
    summary: 'Vendors of the organisation, by name, with risk tier, next expiry and open questionnaires (paginated)',
    tag,
    permission: 'vendors:read',
    query: listVendorsQuerySchema,
    response: vendorListSchema.extend({ capabilities: z.object({ create: z.boolean(), edit: z.boolean(), sendQuestionnaire: z.boolean() }) }),
  }),
  create: defineApi({
    method: 'POST',
    path: '/api/v1/vendors',
    summary: 'Add a vendor',
    tag,
    permission: 'vendors:manage',
    body: createVendorSchema,
    successStatus: 201,
    response: z.object({ id: z.string(), name: z.string(), category: z.enum(VENDOR_CATEGORIES) }),
  }),
  get: defineApi({
    method: 'GET',
    path: '/api/v1/vendors/{id}',
    summary: 'One vendor with its contracts, certifications, linked records and questionnaires',
    tag,
    permission: 'vendors:read',
    params: idParams,
    response: vendorDetailSchema,
  }),
  sendQuestionnaire: defineApi({
    method: 'POST',
    path: '/api/v1/vendors/{id}/questionnaires',
    summary: 'Send a due-diligence questionnaire to the vendor’s contact; returns the one-time link path once',
    tag,
    permission: 'vendors:manage',
    params: idParams,
    body: sendQuestionnaireSchema.omit({ vendorId: true }),
    successStatus: 201,
    response: z.object({ id: z.string(), vendorId: z.string(), linkPath: z.string(), expiresAt: z.string() }),
  }),
  downloadDocument: defineApi({
    method: 'GET',
    path: '/api/v1/vendor-documents/{id}/download',
    summary: 'Download a document a vendor attached to a questionnaire through its link, after re-checking its SHA-256 (409 and a tampering event on mismatch)',
    tag,
    permission: 'vendors:read',
    params: idParams,
    responseType: 'application/octet-stream',
  }),
};
