import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { idListSchema, idSchema } from '@/lib/audits/schema';
import { THREAT_COMPONENT_KEYS, THREAT_STATUSES } from './components';

// Threat models on MITRE ATLAS: schemas and types, safe for the client.

const level = (what: string) => z.coerce.number({ error: `Choose the ${what} from 1 to 5` }).int(`Choose the ${what} from 1 to 5`).min(1, `Choose the ${what} from 1 to 5`).max(5, `Choose the ${what} from 1 to 5`);
const atlasId = (prefix: 'T' | 'M') => z.string().trim().regex(prefix === 'T' ? /^AML\.T\d{4}(\.\d{3})?$/ : /^AML\.M\d{4}$/, prefix === 'T' ? 'Choose an ATLAS technique (AML.T0000 or AML.T0000.000)' : 'Choose an ATLAS mitigation (AML.M0000)');
/** A checkbox group or a JSON array: one string arrives alone from a form. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) || v === null ? v : [v]), z.array(item).max(100));

export const componentsSchema = list(z.enum(THREAT_COMPONENT_KEYS, 'Choose the components from the list')).refine((c) => c.length > 0, 'Choose at least one component');

export const createThreatModelSchema = z.object({
  systemId: idSchema,
  components: componentsSchema,
  summary: blankAsUndefined(z.string().trim().max(10_000)).transform((v) => v ?? ''),
});
export type CreateThreatModelInput = z.input<typeof createThreatModelSchema>;

export const updateThreatModelSchema = createThreatModelSchema.omit({ systemId: true }).extend({ id: idSchema });

const entryFields = {
  techniqueId: atlasId('T'),
  component: z.enum(THREAT_COMPONENT_KEYS, 'Choose a component'),
  likelihood: level('likelihood'),
  impact: level('impact'),
  status: z.enum(THREAT_STATUSES).default('IDENTIFIED'),
  atlasMitigationIds: list(atlasId('M')).default([]),
  controlIds: idListSchema,
  riskIds: idListSchema,
  notes: blankAsUndefined(z.string().trim().max(10_000)).transform((v) => v ?? ''),
};

export const addThreatEntrySchema = z.object({ threatModelId: idSchema, ...entryFields });
export type AddThreatEntryInput = z.input<typeof addThreatEntrySchema>;
/** An edit states the whole entry again (technique and component stay). */
export const updateThreatEntrySchema = z.object({ id: idSchema, ...entryFields }).omit({ techniqueId: true, component: true });
export const removeThreatEntrySchema = z.object({ id: idSchema });

export const listThreatModelsQuerySchema = z.object({
  q: blankAsUndefined(z.string().trim().max(120)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const threatModelSummarySchema = z.object({
  id: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  riskTier: z.string(),
  components: z.array(z.string()),
  atlasVersion: z.string(),
  entries: z.number(),
  open: z.number(),
  updatedAt: z.string(),
});
export const threatModelListSchema = z.object({ items: z.array(threatModelSummarySchema), total: z.number(), atlasVersion: z.string(), page: z.number(), pageSize: z.number() });

const link = z.object({ id: z.string(), label: z.string() });
export const threatEntrySchema = z.object({
  id: z.string(),
  techniqueId: z.string(),
  techniqueLabel: z.string(),
  tacticIds: z.array(z.string()),
  component: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  score: z.number(),
  status: z.enum(THREAT_STATUSES),
  atlasMitigations: z.array(link),
  controls: z.array(link),
  risks: z.array(link),
  notes: z.string(),
  /** ATLAS mitigations that MITRE lists against this technique (a hint for the form). */
  suggestedMitigations: z.array(link),
});
export type ThreatEntryView = z.infer<typeof threatEntrySchema>;

export const tacticCoverageSchema = z.object({ tacticId: z.string(), tacticName: z.string(), techniques: z.number(), unmitigated: z.number() });
export const threatModelDetailSchema = threatModelSummarySchema.omit({ entries: true, open: true }).extend({
  summary: z.string(),
  currentAtlasVersion: z.string(),
  entries: z.array(threatEntrySchema),
  /** Per ATLAS tactic: applicable techniques and how many have neither an ATLAS mitigation nor a control. */
  coverage: z.array(tacticCoverageSchema),
  capabilities: z.object({ edit: z.boolean() }),
});
export type ThreatModelDetail = z.infer<typeof threatModelDetailSchema>;
