import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { idParams } from '@/lib/audits/schema';
import {
  acceptRiskSchema,
  addRiskTaskSchema,
  closeRiskSchema,
  createRiskSchema,
  heatMapSchema,
  importResultSchema,
  listRisksQuerySchema,
  reviewRiskSchema,
  riskDetailSchema,
  riskListSchema,
  scaleLevelSchema,
  setRiskTaskStatusSchema,
  updateRiskSchema,
} from './schema';

const created = z.object({ id: z.string(), ref: z.string(), title: z.string() });
const filter = listRisksQuerySchema.omit({ page: true, pageSize: true, sort: true });
const scaleSchema = z.array(scaleLevelSchema.extend({ level: z.number() }));

export const risksApi = {
  list: defineApi({ method: 'GET', path: '/api/v1/risks', tag: 'Risks', summary: 'The risk register, filtered and paginated', permission: 'risks:read', query: listRisksQuerySchema, response: riskListSchema }),
  create: defineApi({ method: 'POST', path: '/api/v1/risks', tag: 'Risks', summary: 'Register a risk (5 × 5 inherent score; residual when treated)', description: 'treatment ACCEPT is refused (422 on treatment): acceptance is POST /api/v1/risks/{id}/acceptance.', permission: 'risks:manage', body: createRiskSchema, response: created, successStatus: 201 }),
  get: defineApi({ method: 'GET', path: '/api/v1/risks/{id}', tag: 'Risks', summary: 'One risk with its links, score history and capabilities', permission: 'risks:read', params: idParams, response: riskDetailSchema }),
  update: defineApi({ method: 'PUT', path: '/api/v1/risks/{id}', tag: 'Risks', summary: 'Rewrite a risk (compliance, or its owner; a new owner only by compliance)', description: 'treatment ACCEPT is kept on an accepted risk but cannot be set here (422 on treatment): acceptance is POST /api/v1/risks/{id}/acceptance.', permission: 'risks:manage', params: idParams, body: updateRiskSchema.omit({ id: true }), response: z.object({ id: z.string(), ref: z.string() }) }),
  accept: defineApi({
    method: 'POST',
    path: '/api/v1/risks/{id}/acceptance',
    tag: 'Risks',
    summary: 'Accept the risk until an expiry date',
    description: 'By a compliance officer or administrator who is not the owner; a token acts as its creator. It reopens when the acceptance expires.',
    permission: 'risks:accept',
    params: idParams,
    body: acceptRiskSchema.omit({ id: true }),
    response: z.object({ id: z.string(), status: z.literal('ACCEPTED'), acceptanceExpiresAt: z.string() }),
  }),
  review: defineApi({ method: 'POST', path: '/api/v1/risks/{id}/reviews', tag: 'Risks', summary: 'Record a review; the next review moves one cadence on', permission: 'risks:manage', params: idParams, body: reviewRiskSchema.omit({ id: true }), response: z.object({ id: z.string(), nextReviewAt: z.string() }), successStatus: 201 }),
  addTask: defineApi({ method: 'POST', path: '/api/v1/risks/{id}/tasks', tag: 'Risks', summary: 'Add a treatment task (owner, due date) to a risk', permission: 'risks:manage', params: idParams, body: addRiskTaskSchema.omit({ riskId: true }), response: z.object({ id: z.string(), riskId: z.string(), status: z.literal('OPEN') }), successStatus: 201 }),
  setTaskStatus: defineApi({
    method: 'PUT',
    path: '/api/v1/risks/{id}/tasks/{taskId}',
    tag: 'Risks',
    summary: 'Mark a treatment task done, or open again',
    description: 'By whoever manages the risk, or by the task’s owner.',
    permission: 'risks:read',
    params: z.object({ id: z.string().min(1).max(64), taskId: z.string().min(1).max(64) }),
    body: setRiskTaskStatusSchema.omit({ id: true }),
    response: z.object({ id: z.string(), riskId: z.string(), status: z.enum(['OPEN', 'DONE']) }),
  }),
  close: defineApi({ method: 'POST', path: '/api/v1/risks/{id}/close', tag: 'Risks', summary: 'Close a risk that no longer applies', permission: 'risks:manage', params: idParams, body: closeRiskSchema.omit({ id: true }), response: z.object({ id: z.string(), status: z.literal('CLOSED') }) }),
  heatMap: defineApi({ method: 'GET', path: '/api/v1/risks/heat-map', tag: 'Risks', summary: 'Counts per likelihood × impact cell, inherent and residual (open and accepted risks)', permission: 'risks:read', query: filter, response: heatMapSchema }),
  scale: defineApi({ method: 'GET', path: '/api/v1/risks/scale', tag: 'Risks', summary: 'The wording of the 5 × 5 scale', permission: 'risks:read', response: scaleSchema }),
  saveScale: defineApi({ method: 'PUT', path: '/api/v1/risks/scale', tag: 'Risks', summary: 'Reword one level of the scale (administrators)', permission: 'risks:configure', body: scaleLevelSchema, response: scaleLevelSchema.extend({ level: z.number() }) }),
  export: defineApi({
    method: 'GET',
    path: '/api/v1/risks/export',
    tag: 'Risks',
    summary: 'The register as CSV or XLSX (the import reads the same columns)',
    permission: 'risks:read',
    query: filter.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    responseType: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  import: defineApi({
    method: 'POST',
    path: '/api/v1/risks/import',
    tag: 'Risks',
    summary: 'Import risks from CSV or XLSX (multipart field "file"), all or nothing',
    description: 'Rows with a known ref rewrite that risk, rows without create one. Any bad row: 422 and nothing written; details.invalid lists { row, ref, reason }.',
    permission: 'risks:manage',
    bodyType: 'multipart',
    body: z.object({ file: z.string().meta({ format: 'binary' }) }),
    response: importResultSchema,
  }),
};
