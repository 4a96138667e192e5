import { z } from 'zod';
import { emptyFlags, ruleDefinitionSchema, type IncidentFacts, type RuleDefinition } from './language';

// What the admin form sends: the rule as JSON text (parsed and validated here,
// every error named by its path), its key and whether it is active.

const key = z.string().trim().regex(/^[a-z0-9-]{2,80}$/, 'Lowercase letters, digits and dashes');
const flag = z.preprocess((v) => (v === 'on' || v === 'true' ? true : v === 'false' || v === '' ? false : v), z.boolean().default(true));

const definition = z.preprocess((v, ctx) => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
    return z.NEVER;
  }
}, ruleDefinitionSchema);

export const notificationRuleInputSchema = z.object({ key, definition, active: flag });
export const rulePreviewSchema = z.object({
  key,
  definition,
  incidentId: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(64).optional()),
});

export function ruleInputToDefinition(input: { definition: RuleDefinition }): RuleDefinition {
  return input.definition;
}

/** The incident a new rule is previewed against when no real one is chosen. */
export const SAMPLE_INCIDENT_FACTS: IncidentFacts = {
  flags: { ...emptyFlags(), highRiskToIndividuals: true, seriousHealthHarm: true, cybersecurityIncident: true },
  dataCategories: ['PERSONAL_DATA', 'SPECIAL_CATEGORY', 'PHI', 'GOVERNMENT_ID'],
  roles: ['CONTROLLER', 'AI_PROVIDER', 'COVERED_ENTITY'],
  peopleAffected: 1200,
  residents: { EU: 300, 'US-CA': 650, 'US-NY': 250 },
  operatesIn: ['EU', 'US'],
  riskClasses: ['HIGH'],
  sectors: ['HEALTHCARE'],
  materiality: 'NOT_ASSESSED',
  events: { detection: '2026-03-02T09:00:00.000Z', awareness: '2026-03-02T11:00:00.000Z', classification: null, materialityDetermination: null },
  notified: {},
};
