import { z } from 'zod';
import { lookupQuerySchema, type LookupItem, type LookupQuery } from '@/lib/api/lookup';
import { apiRoute } from '@/lib/api/route';
import { defineApi } from '@/lib/api/spec';
import type { Actor } from '@/lib/auth/actor';
import { searchEvidence } from '@/lib/audits/evidence/search';
import { searchFindings } from '@/lib/audits/findings/search';
import { searchIncidents } from '@/lib/incidents/search';
import { searchDatasets, searchModels, searchModelVersions } from '@/lib/models/search';
import { searchRisks } from '@/lib/risks/search';
import { searchControls, searchMatrixCells, searchRequirements, searchSystems } from '@/lib/requirements/search';
import { searchAtlasMitigations, searchAtlasTechniques } from '@/lib/threats/search';
import { searchPeople } from '@/lib/users/search';

// The one search behind every picker (components/ui/form/combobox.tsx).
// Each domain's function starts with its own authorize(); this only routes.
const SEARCHES = {
  people: searchPeople,
  requirements: searchRequirements,
  controls: searchControls,
  'matrix-cells': searchMatrixCells,
  systems: searchSystems,
  'model-versions': searchModelVersions,
  incidents: searchIncidents,
  findings: searchFindings,
  evidence: searchEvidence,
  models: searchModels,
  datasets: searchDatasets,
  risks: searchRisks,
  'atlas-techniques': searchAtlasTechniques,
  'atlas-mitigations': searchAtlasMitigations,
} satisfies Record<string, (actor: Actor, q: LookupQuery) => Promise<LookupItem[]>>;

const spec = defineApi({
  method: 'GET',
  path: '/api/lookup/{kind}',
  summary: 'Search records for a picker',
  tag: 'lookup',
  params: z.object({ kind: z.enum(Object.keys(SEARCHES) as [keyof typeof SEARCHES, ...(keyof typeof SEARCHES)[]]) }),
  query: lookupQuerySchema,
  response: z.object({ items: z.array(z.object({ value: z.string(), label: z.string(), description: z.string().optional() })) }),
});

export const GET = apiRoute(spec, async ({ actor, params, query }) => ({ items: await SEARCHES[params.kind](actor, query) }));
