import { z } from 'zod';
import {
  DATA_CATEGORY_KEYS,
  emptyFlags,
  ENTITY_ROLE_KEYS,
  FLAG_KEYS,
  jurisdictionCode,
  MATERIALITY,
  type DataCategory,
  type EntityRole,
  type Flag,
  type IncidentFacts,
  type Materiality,
} from './language';

// From a stored incident to the facts the rules read. Pure.

export type FactRow = {
  detectedAt: Date;
  awareAt: Date | null;
  classifiedAt: Date | null;
  materiality: Materiality;
  materialityDeterminedAt: Date | null;
  nearMiss: boolean;
  peopleAffected: number | null;
  dataCategories: readonly string[];
  entityRoles: readonly string[];
  notificationFlags: readonly string[];
  residents: unknown;
  systems: readonly { riskTier: string; regions: readonly string[]; domain?: string }[];
};

export const residentsSchema = z.record(jurisdictionCode, z.number().int().min(0).max(100_000_000));

/** Unknown keys (a rule vocabulary that changed) are dropped, never trusted. */
export function incidentFactsFrom(row: FactRow, notified: readonly { ruleKey: string; notifiedAt: Date }[]): IncidentFacts {
  const flags = emptyFlags();
  for (const f of row.notificationFlags) if ((FLAG_KEYS as string[]).includes(f)) flags[f as Flag] = true;
  flags.nearMiss = row.nearMiss;
  const residents = residentsSchema.safeParse(row.residents ?? {});
  return {
    flags,
    dataCategories: row.dataCategories.filter((d): d is DataCategory => (DATA_CATEGORY_KEYS as string[]).includes(d)),
    roles: row.entityRoles.filter((r): r is EntityRole => (ENTITY_ROLE_KEYS as string[]).includes(r)),
    peopleAffected: row.peopleAffected,
    residents: residents.success ? residents.data : {},
    operatesIn: [...new Set(row.systems.flatMap((s) => s.regions))],
    riskClasses: [...new Set(row.systems.map((s) => s.riskTier))],
    sectors: [...new Set(row.systems.map((s) => s.domain).filter((d): d is string => Boolean(d)))],
    materiality: (MATERIALITY as readonly string[]).includes(row.materiality) ? row.materiality : 'NOT_ASSESSED',
    events: {
      detection: row.detectedAt.toISOString(),
      awareness: row.awareAt?.toISOString() ?? null,
      classification: row.classifiedAt?.toISOString() ?? null,
      materialityDetermination: row.materialityDeterminedAt?.toISOString() ?? null,
    },
    notified: Object.fromEntries(notified.map((n) => [n.ruleKey, n.notifiedAt.toISOString()])),
  };
}

/** "US-CA: 600, EU: 40" ⇄ { "US-CA": 600, "EU": 40 } for the form. */
export function formatResidents(r: Record<string, number>): string {
  return Object.entries(r)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

export function parseResidents(text: string): { ok: true; value: Record<string, number> } | { ok: false; message: string } {
  const value: Record<string, number> = {};
  for (const part of text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,3})?)\s*[:=]\s*(\d{1,9})$/.exec(part);
    if (!m) return { ok: false, message: `Write each as CODE: number, e.g. "US-CA: 600, EU: 40" (could not read "${part}").` };
    const code = m[1].toUpperCase();
    value[code] = (value[code] ?? 0) + Number(m[2]);
  }
  return { ok: true, value };
}

/** The report's answers as stored facts: legacy booleans and the tree's legal-sense answers fold into the lists. */
export function reportedFacts(input: {
  personalData: boolean;
  healthData: boolean;
  death: boolean;
  seriousHarm: boolean;
  fundamentalRights: boolean;
  dataCategories?: readonly DataCategory[];
  entityRoles?: readonly EntityRole[];
  notificationFlags?: readonly Flag[];
}, defaultRoles: readonly EntityRole[]) {
  const categories = new Set<DataCategory>(input.dataCategories ?? []);
  if (input.personalData) categories.add('PERSONAL_DATA');
  // "Health data" in the old sense: a GDPR Art. 9 category, and PHI where HIPAA applies (the role decides).
  if (input.healthData) {
    categories.add('SPECIAL_CATEGORY');
    categories.add('PHI');
  }
  const flags = new Set<Flag>(input.notificationFlags ?? []);
  // These tree questions ask exactly the Art. 3(49)(a) and (c) facts; critical infrastructure and
  // "widespread" in the tree are broader than the legal terms and are asked separately.
  if (input.death) flags.add('death');
  if (input.seriousHarm) flags.add('seriousHealthHarm');
  if (input.fundamentalRights) flags.add('fundamentalRightsInfringement');
  const dataCategories = DATA_CATEGORY_KEYS.filter((d) => categories.has(d));
  return {
    dataCategories,
    entityRoles: [...(input.entityRoles ?? defaultRoles)],
    notificationFlags: FLAG_KEYS.filter((f) => flags.has(f) && f !== 'nearMiss'),
    personalData: dataCategories.length > 0,
    healthData: dataCategories.some((d) => d === 'PHI' || d === 'MEDICAL' || d === 'SPECIAL_CATEGORY'),
    specialCategory: dataCategories.some((d) => d === 'SPECIAL_CATEGORY' || d === 'PHI' || d === 'BIOMETRIC' || d === 'MEDICAL'),
  };
}

export type StoredFacts = {
  dataCategories: readonly string[];
  entityRoles: readonly string[];
  notificationFlags: readonly string[];
  residents: unknown;
  awareAt: Date | null;
  classifiedAt: Date | null;
  materiality: Materiality;
  materialityDeterminedAt: Date | null;
};
export type FactsChange = {
  dataCategories?: DataCategory[];
  entityRoles?: EntityRole[];
  notificationFlags?: Flag[];
  residents?: Record<string, number>;
  awareAt?: Date | null;
  classifiedAt?: Date | null;
  materiality?: Materiality;
  materialityDeterminedAt?: Date | null;
};

const CLASSIFYING: readonly Flag[] = ['significantIncident', 'majorIctIncident'];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The update a change of facts makes, and what changed (for the audit event).
 * Ticking "significant" or "major" without a classification time records now;
 * so does a materiality determination without its time; "not assessed" clears it.
 */
export function factsUpdate(before: StoredFacts, input: FactsChange, now: Date) {
  const next: StoredFacts = {
    dataCategories: input.dataCategories ?? before.dataCategories,
    entityRoles: input.entityRoles ?? before.entityRoles,
    notificationFlags: input.notificationFlags ?? before.notificationFlags,
    residents: input.residents ?? before.residents,
    awareAt: input.awareAt !== undefined ? input.awareAt : before.awareAt,
    classifiedAt: input.classifiedAt !== undefined ? input.classifiedAt : before.classifiedAt,
    materiality: input.materiality ?? before.materiality,
    materialityDeterminedAt: input.materialityDeterminedAt !== undefined ? input.materialityDeterminedAt : before.materialityDeterminedAt,
  };
  const classified = next.notificationFlags.some((f) => CLASSIFYING.includes(f as Flag));
  if (classified && !next.classifiedAt) next.classifiedAt = now;
  if (next.materiality === 'NOT_ASSESSED') next.materialityDeterminedAt = null;
  else if (!next.materialityDeterminedAt || (input.materiality && input.materiality !== before.materiality && input.materialityDeterminedAt === undefined)) next.materialityDeterminedAt = now;
  const keys = Object.keys(next) as (keyof StoredFacts)[];
  const changed = keys.filter((k) => !same(before[k] ?? null, next[k] ?? null));
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  return {
    data: Object.fromEntries(changed.map((k) => [k, next[k]])) as Partial<StoredFacts>,
    before: Object.fromEntries(changed.map((k) => [k, iso(before[k] ?? null)])),
    after: Object.fromEntries(changed.map((k) => [k, iso(next[k] ?? null)])),
    times: { awareAt: next.awareAt, classifiedAt: next.classifiedAt, materialityDeterminedAt: next.materialityDeterminedAt },
  };
}
