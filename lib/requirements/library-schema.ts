import { z } from 'zod';

// Shape of the shipped regulation/standard library (prisma/seed-data). Pure
// module: no server-only import, so the seeder, tests and UI can all use it.
//
// Files:
//   prisma/seed-data/frameworks/<key>.json  one libraryFrameworkSchema each
//   prisma/seed-data/crosswalk.json         crosswalkSchema
//   prisma/seed-data/controls.json          starterControlsSchema

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

/** Keys of the frameworks shipped in prisma/seed-data/frameworks. */
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
] as const;

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

export const libraryRequirementSchema = z.strictObject({
  /** Citation inside the framework, e.g. "GOVERN 1.1", "Art. 10", "164.308(a)(1)". Unique per framework. */
  ref: requirementRefSchema,
  title: text(REQUIREMENT_TITLE_MAX),
  /** One to three sentences. */
  summary: text(1000),
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
    version: text(80),
    /** Official citation and/or URL of the source text. */
    sourceRef: text(1000),
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
    rationale: text(300),
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
