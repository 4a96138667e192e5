import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { idParams } from '@/lib/audits/schema';
import { createRedTeamExerciseSchema, listRedTeamQuerySchema, openRedTeamIncidentBodySchema, recordRedTeamResultBodySchema, redTeamDetailSchema, redTeamListSchema } from './schema';

const resultParams = z.object({ id: z.string().min(1).max(64), techniqueId: z.string().min(1).max(64) });

export const redTeamApi = {
  list: defineApi({ method: 'GET', path: '/api/v1/red-team-exercises', tag: 'Red team', summary: 'Red-team exercises, newest first, paginated', permission: 'risks:read', query: listRedTeamQuerySchema, response: redTeamListSchema }),
  create: defineApi({ method: 'POST', path: '/api/v1/red-team-exercises', tag: 'Red team', summary: 'Plan an exercise: system, version, team, ATLAS techniques (a retest names the result it retests)', permission: 'threats:manage', body: createRedTeamExerciseSchema, response: z.object({ id: z.string() }), successStatus: 201 }),
  get: defineApi({ method: 'GET', path: '/api/v1/red-team-exercises/{id}', tag: 'Red team', summary: 'One exercise with its per-technique results', permission: 'risks:read', params: idParams, response: redTeamDetailSchema }),
  result: defineApi({
    method: 'PUT',
    path: '/api/v1/red-team-exercises/{id}/techniques/{techniqueId}',
    tag: 'Red team',
    summary: 'Record a technique’s result (resisted, partially, succeeded) with evidence',
    description: 'techniqueId is the planned technique’s record id. A success raises one finding with source RED_TEAM (needs findings:raise too).',
    permission: 'threats:manage',
    params: resultParams,
    body: recordRedTeamResultBodySchema,
    response: z.object({ id: z.string(), exerciseId: z.string(), result: z.string(), findingId: z.string().nullable() }),
  }),
  openIncident: defineApi({
    method: 'POST',
    path: '/api/v1/red-team-exercises/{id}/techniques/{techniqueId}/incident',
    tag: 'Red team',
    summary: 'Open an incident from a successful technique (once per result), through the incident domain',
    description: 'Type adversarial attack, the exercise’s system and version; say nearMiss (true for a controlled exercise that harmed nobody). Needs incidents:report too.',
    permission: 'threats:manage',
    params: resultParams,
    body: openRedTeamIncidentBodySchema,
    successStatus: 201,
    response: z.object({ id: z.string(), exerciseId: z.string(), incidentId: z.string() }),
  }),
  complete: defineApi({ method: 'POST', path: '/api/v1/red-team-exercises/{id}/complete', tag: 'Red team', summary: 'Complete the exercise once every technique has a result (the promotion gate reads completed exercises)', permission: 'threats:manage', params: idParams, response: z.object({ id: z.string(), completedAt: z.string() }) }),
};
