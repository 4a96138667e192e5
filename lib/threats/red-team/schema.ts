import { z } from 'zod';
import { blankAsUndefined, flag } from '@/lib/api/params';
import { idSchema } from '@/lib/audits/schema';

// Red-team exercises: schemas and types, safe for the client.

export const RED_TEAM_RESULTS = ['PLANNED', 'RESISTED', 'PARTIAL', 'SUCCEEDED'] as const;
export type RedTeamResult = (typeof RED_TEAM_RESULTS)[number];
export const RED_TEAM_RESULT_LABELS: Record<RedTeamResult, string> = { PLANNED: 'Not tested yet', RESISTED: 'Resisted', PARTIAL: 'Partially succeeded', SUCCEEDED: 'Succeeded' };

const techniqueId = z.string().trim().regex(/^AML\.T\d{4}(\.\d{3})?$/, 'Choose an ATLAS technique (AML.T0000 or AML.T0000.000)');
const techniqueList = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : v === null ? v : [v]), z.array(techniqueId).max(200));

export const createRedTeamExerciseSchema = z
  .object({
    title: z.string().trim().min(3, 'Give the exercise a title of at least 3 characters').max(200),
    systemId: idSchema,
    versionId: blankAsUndefined(idSchema),
    team: z.enum(['INTERNAL', 'EXTERNAL']).default('INTERNAL'),
    firm: blankAsUndefined(z.string().trim().max(200)),
    scope: blankAsUndefined(z.string().trim().max(10_000)).transform((v) => v ?? ''),
    techniqueIds: techniqueList,
    /** A retest: the result it retests (its technique is planned again). */
    retestOfId: blankAsUndefined(idSchema),
  })
  .refine((d) => d.team === 'INTERNAL' || !!d.firm, { path: ['firm'], message: 'Name the external firm' })
  .refine((d) => d.techniqueIds.length > 0 || !!d.retestOfId, { path: ['techniqueIds'], message: 'Plan at least one ATLAS technique' });
export type CreateRedTeamExerciseInput = z.input<typeof createRedTeamExerciseSchema>;

const resultFields = z.object({
  id: idSchema,
  result: z.enum(['RESISTED', 'PARTIAL', 'SUCCEEDED'], 'Choose the result'),
  evidence: z.string().trim().max(10_000).default(''),
});
const hasEvidence = (d: { result: string; evidence: string }) => d.result === 'RESISTED' || d.evidence.length >= 10;
const evidenceError = { path: ['evidence'], message: 'Describe what succeeded (at least 10 characters): it becomes the finding' };
export const recordRedTeamResultSchema = resultFields.refine(hasEvidence, evidenceError);
/** The API body (the technique is in the path). */
export const recordRedTeamResultBodySchema = resultFields.omit({ id: true }).refine(hasEvidence, evidenceError);
export type RecordRedTeamResultInput = z.input<typeof recordRedTeamResultSchema>;

export const completeRedTeamExerciseSchema = z.object({ id: idSchema });

/** Opening an incident from a successful technique (its record id). */
const incidentFields = {
  note: blankAsUndefined(z.string().trim().max(5000)),
  /** Tested in a controlled exercise: a near miss unless it reached production. */
  nearMiss: flag.optional().default(true),
};
export const openRedTeamIncidentSchema = z.object({ id: idSchema, ...incidentFields });
/** The API body: `nearMiss` stated (an empty body opens nothing). */
export const openRedTeamIncidentBodySchema = z.object({ note: incidentFields.note, nearMiss: z.boolean({ error: 'Say whether it was a near miss (true or false)' }) });
export type OpenRedTeamIncidentInput = z.input<typeof openRedTeamIncidentSchema>;

export const listRedTeamQuerySchema = z.object({
  systemId: blankAsUndefined(idSchema),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const link = z.object({ id: z.string(), label: z.string() });
export const redTeamSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  versionLabel: z.string().nullable(),
  team: z.enum(['INTERNAL', 'EXTERNAL']),
  firm: z.string().nullable(),
  planned: z.number(),
  succeeded: z.number(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const redTeamListSchema = z.object({ items: z.array(redTeamSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });
export const redTeamDetailSchema = redTeamSummarySchema.extend({
  scope: z.string(),
  versionId: z.string().nullable(),
  /** The version's page in the registry (where its last red-team result shows). */
  versionHref: z.string().nullable(),
  techniques: z.array(
    z.object({
      id: z.string(),
      techniqueId: z.string(),
      techniqueLabel: z.string(),
      result: z.enum(RED_TEAM_RESULTS),
      evidence: z.string(),
      testedAt: z.string().nullable(),
      findingId: z.string().nullable(),
      incidentId: z.string().nullable(),
      retestOf: link.nullable(),
    }),
  ),
  capabilities: z.object({ record: z.boolean(), complete: z.boolean(), openIncident: z.boolean() }),
});
export type RedTeamDetail = z.infer<typeof redTeamDetailSchema>;
