import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { idParams } from '@/lib/audits/schema';
import { addThreatEntrySchema, createThreatModelSchema, listThreatModelsQuerySchema, threatModelDetailSchema, threatModelListSchema, updateThreatEntrySchema, updateThreatModelSchema } from './schema';

const entryParams = z.object({ id: z.string().min(1).max(64), entryId: z.string().min(1).max(64) });
const entryRef = z.object({ id: z.string(), threatModelId: z.string() });

export const threatsApi = {
  list: defineApi({ method: 'GET', path: '/api/v1/threat-models', tag: 'Threat models', summary: 'Threat models (one per AI system), paginated', permission: 'risks:read', query: listThreatModelsQuerySchema, response: threatModelListSchema }),
  create: defineApi({ method: 'POST', path: '/api/v1/threat-models', tag: 'Threat models', summary: "Start an AI system's threat model on the shipped ATLAS release (compliance, or the system's owners)", permission: 'threats:manage', body: createThreatModelSchema, response: z.object({ id: z.string() }), successStatus: 201 }),
  get: defineApi({ method: 'GET', path: '/api/v1/threat-models/{id}', tag: 'Threat models', summary: 'One threat model: its ATLAS techniques per component, mitigations, linked risks and the coverage per tactic', permission: 'risks:read', params: idParams, response: threatModelDetailSchema }),
  update: defineApi({ method: 'PUT', path: '/api/v1/threat-models/{id}', tag: 'Threat models', summary: 'Rewrite the components and summary', permission: 'threats:manage', params: idParams, body: updateThreatModelSchema.omit({ id: true }), response: z.object({ id: z.string() }) }),
  addEntry: defineApi({ method: 'POST', path: '/api/v1/threat-models/{id}/entries', tag: 'Threat models', summary: 'Add an applicable ATLAS technique to a component (likelihood, impact, mitigations, status, risks it feeds)', permission: 'threats:manage', params: idParams, body: addThreatEntrySchema.omit({ threatModelId: true }), response: entryRef, successStatus: 201 }),
  updateEntry: defineApi({ method: 'PUT', path: '/api/v1/threat-models/{id}/entries/{entryId}', tag: 'Threat models', summary: 'Rewrite one technique entry', permission: 'threats:manage', params: entryParams, body: updateThreatEntrySchema.omit({ id: true }), response: entryRef }),
  removeEntry: defineApi({ method: 'DELETE', path: '/api/v1/threat-models/{id}/entries/{entryId}', tag: 'Threat models', summary: 'Remove one technique entry', permission: 'threats:manage', params: entryParams, response: entryRef }),
};

// The red-team exercises' operations, contributed through this entry point.
export { redTeamApi } from './red-team/api-spec';
