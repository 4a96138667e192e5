import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { blankAsUndefined } from '@/lib/api/params';
import {
  bulkUpdateResponse,
  cellDetailResponse,
  cellResponse,
  controlCreatedResponse,
  controlListResponse,
  controlResponse,
  crosswalkResponse,
  frameworkCreatedResponse,
  frameworkListResponse,
  frameworkResponse,
  importBatchResponse,
  importConfirmedResponse,
  importSummary,
  libraryLoadResponse,
  mappingCreatedResponse,
  mappingRemovedResponse,
  matrixWindowResponse,
  ownersAssignedResponse,
  quarterViewResponse,
  requirementCreatedResponse,
  requirementDetailResponse,
  requirementListResponse,
  requirementResponse,
  reviewRecordedResponse,
  systemCreatedResponse,
  systemFrameworksResponse,
  systemListResponse,
  systemResponse,
} from './api-responses';
import { frameworkKeySchema } from './library-schema';
import { assignOwnerSchema, createFrameworkSchema, createRequirementSchema, updateFrameworkSchema, updateRequirementSchema } from './schema/library';
import { bulkUpdateCellsSchema, matrixFilterSchema, matrixWindowSchema, updateCellSchema } from './schema/matrix';
import { controlInputSchema, mappingInputSchema, updateControlSchema } from './schema/controls';
import { importKindSchema } from './schema/imports';
import { quarterSchema, recordReviewSchema } from './schema/reviews';
import { systemInputSchema, updateSystemSchema } from './schema/systems';

const idParams = z.object({ id: z.string().min(1).max(64) });
const TAG = 'Requirements';

const completion = z.object({ id: z.string(), label: z.string(), cells: z.number(), assessed: z.number(), compliant: z.number(), nonCompliant: z.number() });

export const requirementsApi = {
  listFrameworks: defineApi({ method: 'GET', path: '/api/v1/frameworks', tag: TAG, summary: 'List frameworks (regulations, standards, policies) with requirement counts', permission: 'requirements:read', response: frameworkListResponse }),
  createFramework: defineApi({ method: 'POST', path: '/api/v1/frameworks', tag: TAG, summary: 'Create a custom framework or internal policy', permission: 'library:manage', body: createFrameworkSchema, successStatus: 201, response: frameworkCreatedResponse }),
  updateFramework: defineApi({ method: 'PATCH', path: '/api/v1/frameworks/{id}', tag: TAG, summary: 'Edit a framework', permission: 'library:manage', params: idParams, body: updateFrameworkSchema.omit({ id: true }), response: frameworkResponse }),
  loadLibrary: defineApi({
    method: 'POST',
    path: '/api/v1/frameworks/library',
    tag: TAG,
    summary: 'Load or reload the shipped regulation library (idempotent; your edits are kept and reported as conflicts)',
    permission: 'library:manage',
    body: z.object({ keys: z.array(frameworkKeySchema).min(1).max(50).describe('The shipped frameworks to load or reload, by key') }),
    response: libraryLoadResponse,
  }),
  listRequirements: defineApi({
    method: 'GET',
    path: '/api/v1/requirements',
    tag: TAG,
    summary: 'List requirements (filters as the matrix; owner=me for "my requirements", owner=unowned)',
    permission: 'requirements:read',
    query: matrixFilterSchema.extend({ page: blankAsUndefined(z.coerce.number().int().min(1).max(10_000)), pageSize: blankAsUndefined(z.coerce.number().int().min(1).max(200)) }),
    response: requirementListResponse,
  }),
  createRequirement: defineApi({ method: 'POST', path: '/api/v1/requirements', tag: TAG, summary: 'Add a requirement to a framework', permission: 'library:manage', body: createRequirementSchema, successStatus: 201, response: requirementCreatedResponse }),
  getRequirement: defineApi({ method: 'GET', path: '/api/v1/requirements/{id}', tag: TAG, summary: 'A requirement with its controls, crosswalk and reviews', permission: 'requirements:read', params: idParams, response: requirementDetailResponse }),
  updateRequirement: defineApi({ method: 'PATCH', path: '/api/v1/requirements/{id}', tag: TAG, summary: 'Edit a requirement (text edits mark it customised)', permission: 'library:manage', params: idParams, body: updateRequirementSchema.omit({ id: true }), response: requirementResponse }),
  assignOwners: defineApi({ method: 'POST', path: '/api/v1/requirements/owners', tag: TAG, summary: 'Assign (or clear) the owner of many requirements or controls at once', permission: 'library:manage', body: assignOwnerSchema, response: ownersAssignedResponse }),
  recordReview: defineApi({ method: 'POST', path: '/api/v1/requirements/{id}/reviews', tag: TAG, summary: 'Record a review (attestation for the quarter); the next due date follows the cadence', permission: 'reviews:record', params: idParams, body: recordReviewSchema.omit({ requirementId: true }), successStatus: 201, response: reviewRecordedResponse }),
  quarter: defineApi({ method: 'GET', path: '/api/v1/requirements/reviews', tag: TAG, summary: 'Quarter view: reviews in a quarter, who made them, what is overdue', permission: 'requirements:read', query: z.object({ quarter: blankAsUndefined(quarterSchema) }), response: quarterViewResponse }),
  listSystems: defineApi({ method: 'GET', path: '/api/v1/ai-systems', tag: TAG, summary: 'List AI systems (use cases) with their applicable frameworks', permission: 'requirements:read', response: systemListResponse }),
  createSystem: defineApi({ method: 'POST', path: '/api/v1/ai-systems', tag: TAG, summary: 'Register an AI system; frameworks are suggested from regions and domain', permission: 'systems:manage', body: systemInputSchema, successStatus: 201, response: systemCreatedResponse }),
  updateSystem: defineApi({ method: 'PATCH', path: '/api/v1/ai-systems/{id}', tag: TAG, summary: 'Edit an AI system', permission: 'systems:manage', params: idParams, body: updateSystemSchema.omit({ id: true }), response: systemResponse }),
  setSystemFrameworks: defineApi({ method: 'PUT', path: '/api/v1/ai-systems/{id}/frameworks', tag: TAG, summary: 'Confirm which frameworks apply to an AI system', permission: 'systems:manage', params: idParams, body: z.object({ frameworkKeys: z.array(frameworkKeySchema).max(100).describe('Every framework that applies; [] clears them') }), response: systemFrameworksResponse }),
  matrix: defineApi({ method: 'GET', path: '/api/v1/matrix', tag: TAG, summary: 'A window of matrix rows (requirements) with a cell per AI system', permission: 'requirements:read', query: matrixWindowSchema, response: matrixWindowResponse }),
  summary: defineApi({
    method: 'GET',
    path: '/api/v1/matrix/summary',
    tag: TAG,
    summary: 'Completion per framework and per AI system, unowned and overdue counts',
    permission: 'requirements:read',
    query: matrixFilterSchema,
    response: z.object({ overall: completion.omit({ id: true, label: true }), byFramework: z.array(completion), bySystem: z.array(completion), requirements: z.object({ total: z.number(), unowned: z.number(), overdue: z.number(), aiSpecific: z.number() }) }),
  }),
  updateCell: defineApi({ method: 'PUT', path: '/api/v1/matrix/cells', tag: TAG, summary: 'Assess one cell (not applicable needs a justification)', permission: 'matrix:edit', description: 'Owners of the requirement or of the AI system may assess its cells.', body: updateCellSchema, response: cellResponse }),
  getCell: defineApi({ method: 'GET', path: '/api/v1/matrix/cells', tag: TAG, summary: 'One cell with its history from the audit trail', permission: 'requirements:read', query: z.object({ requirementId: z.string().min(1).max(64), systemId: z.string().min(1).max(64) }), response: cellDetailResponse }),
  bulkUpdate: defineApi({ method: 'POST', path: '/api/v1/matrix/cells/bulk', tag: TAG, summary: 'Set many cells to one status with one reason (all or nothing)', permission: 'matrix:edit', body: bulkUpdateCellsSchema, response: bulkUpdateResponse }),
  listControls: defineApi({ method: 'GET', path: '/api/v1/controls', tag: TAG, summary: 'Internal controls with their mappings', permission: 'requirements:read', response: controlListResponse }),
  createControl: defineApi({ method: 'POST', path: '/api/v1/controls', tag: TAG, summary: 'Create an internal control', permission: 'library:manage', body: controlInputSchema, successStatus: 201, response: controlCreatedResponse }),
  updateControl: defineApi({ method: 'PATCH', path: '/api/v1/controls/{id}', tag: TAG, summary: 'Edit a control (its owner may change its status)', permission: ['library:manage', 'matrix:edit'], params: idParams, body: updateControlSchema.omit({ id: true }), response: controlResponse }),
  listMappings: defineApi({ method: 'GET', path: '/api/v1/mappings', tag: TAG, summary: 'The crosswalk: requirement-to-requirement mappings between frameworks', permission: 'requirements:read', query: z.object({ framework: blankAsUndefined(frameworkKeySchema), page: blankAsUndefined(z.coerce.number().int().min(1).max(10_000)) }), response: crosswalkResponse }),
  createMapping: defineApi({ method: 'POST', path: '/api/v1/mappings', tag: TAG, summary: 'Map a control to a requirement with a relationship and rationale', permission: 'library:manage', body: mappingInputSchema, successStatus: 201, response: mappingCreatedResponse }),
  deleteMapping: defineApi({ method: 'DELETE', path: '/api/v1/mappings/{id}', tag: TAG, summary: 'Remove a control mapping', permission: 'library:manage', params: idParams, response: mappingRemovedResponse }),
  importPreview: defineApi({
    method: 'POST',
    path: '/api/v1/imports/preview',
    tag: TAG,
    summary: 'Step 1 of an import: upload a requirements CSV, an OSCAL catalog (JSON), or an OSCAL profile with the catalog it imports (repeat the file field); returns what would change and every invalid row. Writes nothing.',
    permission: 'library:manage',
    bodyType: 'multipart',
    body: z.object({ file: z.string().describe('The file (CSV max 5 MB; OSCAL max 16 MB in all). For an OSCAL profile, send the profile and its catalog as two file fields.'), kind: importKindSchema, frameworkKey: frameworkKeySchema.optional().describe('OSCAL: the key of the framework to create or update') }),
    response: importSummary,
    successStatus: 201,
  }),
  importGet: defineApi({ method: 'GET', path: '/api/v1/imports/{id}', tag: TAG, summary: 'A previewed import and its status', permission: 'library:manage', params: idParams, response: importBatchResponse }),
  importConfirm: defineApi({ method: 'POST', path: '/api/v1/imports/{id}/confirm', tag: TAG, summary: 'Step 2: apply a previewed import, all or nothing', permission: 'library:manage', params: idParams, response: importConfirmedResponse }),
  exportMatrix: defineApi({
    method: 'GET',
    path: '/api/v1/exports/matrix',
    tag: TAG,
    summary: 'Export the (filtered) matrix as CSV (re-importable) or XLSX',
    permission: 'requirements:read',
    query: matrixFilterSchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    responseType: 'text/csv',
  }),
};
