import { z } from 'zod';
import { DOMAINS, REGIONS, RISK_TIERS } from './schema/vocabulary';

// Shape of the shipped regulation/standard library (prisma/seed-data). Pure
// module: no server-only import, so the seeder, tests and UI can all use it.
//
// Files:
//   prisma/seed-data/frameworks/<key>.json   one libraryFrameworkSchema each
//   prisma/seed-data/oscal/*.json            OSCAL catalog + profiles, described in oscal-frameworks.json
//   prisma/seed-data/crosswalk/<name>.json   crosswalkSchema, one file per family of frameworks
//   prisma/seed-data/controls.json           starterControlsSchema

/** The seven control areas every requirement and internal control is filed under. */
export const AREAS = [
  'DATA_SECURITY',
  'MODEL_SECURITY',
  'PRIVACY',
  'TRANSPARENCY',
  'SECURE_DEPLOYMENT',
  'GOVERNANCE',
  'MONITORING',
] as const;
export type Area = (typeof AREAS)[number];

export const AREA_LABELS: Record<Area, string> = {
  DATA_SECURITY: 'Data security',
  MODEL_SECURITY: 'Model security',
  PRIVACY: 'Privacy',
  TRANSPARENCY: 'Transparency and explainability',
  SECURE_DEPLOYMENT: 'Secure deployment and operations',
  GOVERNANCE: 'Compliance and governance',
  MONITORING: 'Continuous monitoring',
};

export const FRAMEWORK_KINDS = ['REGULATION', 'STANDARD', 'FRAMEWORK', 'POLICY'] as const;
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];

/**
 * How the `from` side relates to the `to` side of a mapping (for a control
 * mapping, `from` is the internal control and `to` the requirement):
 * EQUIVALENT: same scope; SUBSET: `from` covers part of `to`;
 * SUPERSET: `from` covers all of `to` and more; RELATED: overlapping intent only.
 */
export const RELATIONSHIPS = ['EQUIVALENT', 'SUBSET', 'SUPERSET', 'RELATED'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** NIST OLIR's names for the four relationships (RELATED is OLIR's "intersects with"). */
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  EQUIVALENT: 'equivalent to',
  SUBSET: 'subset of',
  SUPERSET: 'superset of',
  RELATED: 'intersects with',
};
/** The same mapping read from the other side: A subset of B is B superset of A. */
export function invertRelationship(r: Relationship): Relationship {
  return r === 'SUBSET' ? 'SUPERSET' : r === 'SUPERSET' ? 'SUBSET' : r;
}

/** What an organisation says it is for an AI system (EU AI Act and Colorado vocabulary). */
export const SYSTEM_ROLES = ['PROVIDER', 'DEPLOYER', 'DEVELOPER'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];
export const SYSTEM_ROLE_LABELS: Record<SystemRole, string> = { PROVIDER: 'Provider', DEPLOYER: 'Deployer', DEVELOPER: 'Developer' };

/**
 * When a framework is suggested for an AI system. Every condition given must
 * hold (an absent condition holds always); a framework is suggested when any
 * of its rules holds. Roles only narrow for systems that state their roles.
 */
export const applicabilityRuleSchema = z.strictObject({
  regions: z.array(z.enum(REGIONS)).min(1).optional(),
  domains: z.array(z.enum(DOMAINS)).min(1).optional(),
  riskTiers: z.array(z.enum(RISK_TIERS)).min(1).optional(),
  roles: z.array(z.enum(SYSTEM_ROLES)).min(1).optional(),
  cardPayments: z.literal(true).optional(),
});
export type ApplicabilityRule = z.infer<typeof applicabilityRuleSchema>;

/** Keys of the frameworks shipped in prisma/seed-data/frameworks (JSON files). */
export const SHIPPED_FRAMEWORK_KEYS = [
  'nist-ai-rmf',
  'eu-ai-act',
  'gdpr',
  'iso-42001',
  'iso-27001',
  'soc2',
  'hipaa-security',
  'ccpa-cpra',
  'pci-dss',
  'sox-itgc',
  'glba-safeguards',
  'fda-aiml-samd',
  'nist-ai-600-1',
  'nist-csf-2',
  'nist-sp-800-218a',
  'sr-11-7',
  'hhs-1557-92-210',
  'onc-hti-1-dsi',
  'reg-b-1002-9',
  'colorado-ai-act',
  'nyc-ll-144',
  'illinois-hb-3773',
  'utah-ai-policy-act',
  'texas-traiga',
  'dora',
  'nis2',
  'eu-ai-act-gpai',
  'iso-23894',
  'iso-42005',
  'oecd-ai-principles',
  'singapore-model-ai-gov',
  'owasp-llm-top10-2025',
  'owasp-ml-top10',
  'mitre-atlas',
] as const;

/** Keys of the frameworks shipped as OSCAL (prisma/seed-data/oscal), loaded through the OSCAL importer's parser. */
export const SHIPPED_OSCAL_FRAMEWORK_KEYS = ['nist-sp-800-53-low', 'nist-sp-800-53-moderate', 'nist-sp-800-53-high', 'nist-sp-800-53-privacy'] as const;

const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s.trim() === s, { message: 'Must not start or end with whitespace' });

export const areaSchema = z.enum(AREAS);
export const frameworkKindSchema = z.enum(FRAMEWORK_KINDS);
export const relationshipSchema = z.enum(RELATIONSHIPS);

export const frameworkKeySchema = z
  .string()
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Use lower-case words joined by hyphens' });

/** Official titles run long (EU AI Act Annex XII: 203 characters). */
export const REQUIREMENT_TITLE_MAX = 240;

export const requirementRefSchema = text(80);

type StatementJson = { label: string | null; text: string; items: StatementJson[] };
const statementSchema: z.ZodType<StatementJson> = z.lazy(() => z.strictObject({ label: z.string().nullable(), text: z.string(), items: z.array(statementSchema) }));

export const libraryRequirementSchema = z.strictObject({
  /** Citation inside the framework, e.g. "GOVERN 1.1", "Art. 10", "164.308(a)(1)". Unique per framework. */
  ref: requirementRefSchema,
  title: text(REQUIREMENT_TITLE_MAX),
  /** One to three sentences in the hand-written files (checked by the data test); an OSCAL statement rendered in full. */
  summary: text(50_000),
  /** The structured statement, for requirements that come from OSCAL. */
  statement: statementSchema.optional(),
  /** True where the provision specifically concerns AI/ML or automated decisions. */
  aiSpecific: z.boolean(),
  area: areaSchema,
  /** Chapter, category or clause family, e.g. "GOVERN 1" or "Chapter III, Section 2". */
  group: text(120).optional(),
});
export type LibraryRequirement = z.infer<typeof libraryRequirementSchema>;

export const libraryFrameworkSchema = z
  .strictObject({
    key: frameworkKeySchema,
    name: text(160),
    kind: frameworkKindSchema,
    jurisdiction: text(80),
    version: text(160),
    /** Official citation of the source text (title, number, date, publisher). */
    sourceRef: text(1000),
    /** Where the official text is published. */
    sourceUrl: z.url().max(500),
    /** Licence or reuse status of what the file contains (public domain, EU reuse, own words for copyrighted standards). */
    licence: text(300),
    /** When the framework is suggested for an AI system; [] means only when chosen by hand. */
    applicability: z.array(applicabilityRuleSchema),
    /** Bumped whenever the shipped content of this file changes. */
    libraryVersion: z.int().min(1),
    requirements: z.array(libraryRequirementSchema).min(1),
  })
  .superRefine((fw, ctx) => {
    const seen = new Set<string>();
    fw.requirements.forEach((r, i) => {
      if (seen.has(r.ref)) {
        ctx.addIssue({ code: 'custom', path: ['requirements', i, 'ref'], message: `Duplicate ref "${r.ref}"` });
      }
      seen.add(r.ref);
    });
  });
export type LibraryFramework = z.infer<typeof libraryFrameworkSchema>;

export const requirementPointerSchema = z.strictObject({
  framework: frameworkKeySchema,
  ref: requirementRefSchema,
});
export type RequirementPointer = z.infer<typeof requirementPointerSchema>;

const pointerId = (p: RequirementPointer) => `${p.framework}::${p.ref}`;

export const crosswalkEntrySchema = z
  .strictObject({
    from: requirementPointerSchema,
    to: requirementPointerSchema,
    relationship: relationshipSchema,
    /** One line in the project's own words. */
    rationale: text(300),
    /** The public crosswalk this pair follows, when there is one (document and URL). */
    citation: text(300).optional(),
  })
  .refine((m) => m.from.framework !== m.to.framework, {
    message: 'A crosswalk entry must link two different frameworks',
    path: ['to', 'framework'],
  });
export type CrosswalkEntry = z.infer<typeof crosswalkEntrySchema>;

export const crosswalkSchema = z.array(crosswalkEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((m, i) => {
    const a = pointerId(m.from);
    const b = pointerId(m.to);
    const id = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `Duplicate mapping ${a} -> ${b}` });
    seen.add(id);
  });
});
export type Crosswalk = z.infer<typeof crosswalkSchema>;

export const controlMappingSchema = z.strictObject({
  framework: frameworkKeySchema,
  ref: requirementRefSchema,
  /** The control relative to the requirement (see RELATIONSHIPS). */
  relationship: relationshipSchema,
  rationale: text(300),
});
export type ControlMapping = z.infer<typeof controlMappingSchema>;

export const starterControlSchema = z
  .strictObject({
    key: z.string().regex(/^CTL-[A-Z]+-\d{2}$/, { message: 'Use the form CTL-AREA-01' }),
    name: text(160),
    description: text(1000),
    area: areaSchema,
    mappings: z.array(controlMappingSchema).min(1).max(10),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.mappings.forEach((m, i) => {
      const id = pointerId(m);
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['mappings', i], message: `Duplicate mapping ${id}` });
      seen.add(id);
    });
  });
export type StarterControl = z.infer<typeof starterControlSchema>;

export const starterControlsSchema = z.array(starterControlSchema).superRefine((controls, ctx) => {
  const seen = new Set<string>();
  controls.forEach((c, i) => {
    if (seen.has(c.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `Duplicate control key ${c.key}` });
    seen.add(c.key);
  });
});
export type StarterControls = z.infer<typeof starterControlsSchema>;
