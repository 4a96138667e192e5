import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { crosswalkExportQuerySchema, coverageQuerySchema, crosswalkMappingInputSchema, updateCrosswalkMappingSchema } from './schema/crosswalk';

// The crosswalk's /api/v1 operations (requirement ↔ requirement mappings across frameworks).

const TAG = 'Requirements';
const idParams = z.object({ id: z.string().min(1).max(64) });
const coverageRow = z.object({ key: z.string(), name: z.string(), requirements: z.number(), covered: z.number(), partial: z.number(), coveredPct: z.number(), mappedPct: z.number() });

export const crosswalkApi = {
  crosswalkCoverage: defineApi({
    method: 'GET',
    path: '/api/v1/crosswalk/coverage',
    tag: TAG,
    summary: "The coverage one framework gives the others: % of each target's requirements covered by equivalent or superset mappings, and % touched by any mapping",
    permission: 'requirements:read',
    query: coverageQuerySchema,
    response: z.object({
      source: z.object({ key: z.string(), name: z.string(), requirements: z.number() }).nullable(),
      rows: z.array(coverageRow),
      frameworks: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
  }),
  createCrosswalkMapping: defineApi({
    method: 'POST',
    path: '/api/v1/crosswalk',
    tag: TAG,
    summary: 'Map a requirement to a requirement of another framework (relationship from NIST OLIR, rationale, optional citation)',
    permission: 'library:manage',
    body: crosswalkMappingInputSchema,
    successStatus: 201,
    response: z.object({ id: z.string(), from: z.string(), to: z.string(), relationship: z.string() }),
  }),
  updateCrosswalkMapping: defineApi({
    method: 'PATCH',
    path: '/api/v1/crosswalk/{id}',
    tag: TAG,
    summary: 'Edit a crosswalk mapping (an edited shipped mapping is kept on library reloads)',
    permission: 'library:manage',
    params: idParams,
    body: updateCrosswalkMappingSchema.omit({ id: true }),
    response: z.object({ id: z.string(), changed: z.boolean() }),
  }),
  removeCrosswalkMapping: defineApi({
    method: 'DELETE',
    path: '/api/v1/crosswalk/{id}',
    tag: TAG,
    summary: 'Remove a crosswalk mapping (a removed shipped mapping stays removed on library reloads)',
    permission: 'library:manage',
    params: idParams,
    response: z.object({ id: z.string() }),
  }),
  exportCrosswalk: defineApi({
    method: 'GET',
    path: '/api/v1/crosswalk/export',
    tag: TAG,
    summary: 'Export the crosswalk as CSV (re-importable) or as an OSCAL mapping collection (JSON)',
    permission: 'requirements:read',
    query: crosswalkExportQuerySchema,
    responseType: 'text/csv',
  }),
  importCrosswalk: defineApi({
    method: 'POST',
    path: '/api/v1/crosswalk/import',
    tag: TAG,
    summary: 'Import crosswalk mappings from CSV or an OSCAL mapping collection (JSON), all or nothing; a file with any bad row is refused with the rows named',
    permission: 'library:manage',
    bodyType: 'multipart',
    body: z.object({ file: z.string().describe('The CSV (columns fromFramework, fromRef, relationship, toFramework, toRef, rationale, citation) or OSCAL mapping-collection JSON, max 5 MB') }),
    response: z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), problems: z.array(z.object({ row: z.number(), reason: z.string() })) }),
  }),
};
