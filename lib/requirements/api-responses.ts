import { z } from 'zod';
import { auditEventSchema } from '@/lib/audit/schema';
import { importKindSchema } from './schema';

// What each /api/v1 requirements operation returns, as JSON on the wire
// (dates are ISO 8601 strings). The route's output is parsed by these, so
// nothing undocumented leaves, and the OpenAPI document is built from them.

export const importSummary = z.object({
  id: z.string(),
  kind: importKindSchema,
  fileName: z.string(),
  frameworkKey: z.string(),
  newFramework: z.string().nullable(),
  rows: z.number(),
  creates: z.array(z.object({ frameworkKey: z.string(), ref: z.string(), title: z.string() })),
  changes: z.array(z.object({ frameworkKey: z.string(), ref: z.string(), fields: z.array(z.string()) })),
  cellChanges: z.array(z.object({ frameworkKey: z.string(), ref: z.string(), system: z.string(), from: z.string(), to: z.string() })),
  unchanged: z.number(),
  invalid: z.array(z.object({ row: z.number(), ref: z.string().nullable(), reason: z.string() })),
  notes: z.array(z.string()).describe('What the import read but does not apply, e.g. an OSCAL profile\'s alterations'),
});

// Written out to a fixed depth rather than recursively: a recursive zod schema
// becomes a "#/$defs" reference, which means the wrong thing inside the OpenAPI document.
function statementLevel(depth: number): z.ZodType {
  return z.object({ label: z.string().nullable(), text: z.string(), items: z.array(depth > 0 ? statementLevel(depth - 1) : z.unknown()) });
}
const statementNode = statementLevel(5);

const frameworkRef = z.object({ key: z.string(), name: z.string() });
/** A requirement named in another record: enough to link to it and cite it. */
const requirementRef = z.object({ id: z.string(), ref: z.string(), title: z.string(), framework: frameworkRef });
/** What a create answers with for records that have a key. */
const keyedCreated = z.object({ id: z.string(), key: z.string(), name: z.string() });
/** The fields every mapping or crosswalk link carries. */
const link = { id: z.string(), relationship: z.string(), rationale: z.string() };
/** A review as listed on a requirement and in the quarter view. */
const reviewEntry = { id: z.string(), outcome: z.string(), notes: z.string().nullable(), reviewedAt: z.iso.datetime() };
const textChange = z.object({ from: z.string().nullable(), to: z.string() });

/** GET /api/v1/frameworks */
export const frameworkListResponse = z.array(z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  kind: z.string(),
  jurisdiction: z.string(),
  version: z.string(),
  sourceRef: z.string().nullable(),
  libraryVersion: z.number().nullable(),
  isCustom: z.boolean(),
  description: z.string().nullable(),
  requirementCount: z.number(),
}));

/** POST /api/v1/frameworks */
export const frameworkCreatedResponse = keyedCreated;

/** PATCH /api/v1/frameworks/{id} */
export const frameworkResponse = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  jurisdiction: z.string(),
  version: z.string(),
  sourceRef: z.string().nullable(),
  description: z.string().nullable(),
});

/** POST /api/v1/frameworks/library */
export const libraryLoadResponse = z.object({
  frameworks: z.array(z.object({
    key: z.string(),
    name: z.string(),
    fromVersion: z.number().nullable(),
    toVersion: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    conflicts: z.array(z.object({ framework: z.string(), ref: z.string(), field: z.string(), yours: z.string(), shipped: z.string() })),
    notShipped: z.array(z.string()),
    skipped: z.string().optional(),
  })),
  crosswalkCreated: z.number(),
  crosswalkUpdated: z.number(),
  crosswalkKept: z.number(),
  controlsCreated: z.number(),
  mappingsCreated: z.number(),
});

/** GET /api/v1/requirements */
export const requirementListResponse = z.object({
  items: z.array(z.object({
    id: z.string(),
    ref: z.string(),
    title: z.string(),
    summary: z.string(),
    group: z.string().nullable(),
    area: z.string().nullable(),
    aiSpecific: z.boolean(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    customised: z.boolean(),
    reviewCadenceDays: z.number(),
    statusFromControls: z.boolean(),
    libraryVersion: z.number().nullable(),
    lastReviewedAt: z.iso.datetime().nullable(),
    nextReviewDue: z.iso.datetime().nullable(),
    overdue: z.boolean(),
    frameworkKey: z.string(),
    frameworkName: z.string(),
    controlCount: z.number(),
    canReview: z.boolean(),
  })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** POST /api/v1/requirements */
export const requirementCreatedResponse = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
});

/** GET /api/v1/requirements/{id} */
export const requirementDetailResponse = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  summary: z.string(),
  statement: statementNode.nullable().describe('The requirement text as nested parts (OSCAL statement), where the source has one'),
  group: z.string().nullable(),
  area: z.string().nullable(),
  aiSpecific: z.boolean(),
  ownerId: z.string().nullable(),
  customised: z.boolean(),
  editedAt: z.iso.datetime().nullable(),
  reviewCadenceDays: z.number(),
  lastReviewedAt: z.iso.datetime().nullable(),
  nextReviewDue: z.iso.datetime().nullable(),
  statusFromControls: z.boolean(),
  libraryVersion: z.number().nullable(),
  owner: z.object({
    name: z.string(),
  }).nullable(),
  framework: frameworkRef,
  controlMappings: z.array(z.object({
    ...link,
    control: z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      status: z.string(),
    }),
  })),
  reviews: z.array(z.object({
    ...reviewEntry,
    quarter: z.string(),
    reviewerName: z.string(),
  })),
  ownerName: z.string().nullable(),
  overdue: z.boolean(),
  controlStatus: z.string().nullable(),
  crosswalk: z.array(z.object({ ...link, other: requirementRef })),
  canEdit: z.boolean(),
  canReview: z.boolean(),
});

/** PATCH /api/v1/requirements/{id} */
export const requirementResponse = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  group: z.string().nullable(),
  area: z.string().nullable(),
  aiSpecific: z.boolean(),
  reviewCadenceDays: z.number(),
  statusFromControls: z.boolean(),
  customised: z.boolean(),
});

/** POST /api/v1/requirements/owners */
export const ownersAssignedResponse = z.object({
  updated: z.number(),
  ownerId: z.string().nullable(),
});

/** POST /api/v1/requirements/{id}/reviews */
export const reviewRecordedResponse = z.object({
  id: z.string(),
  quarter: z.string(),
  nextReviewDue: z.iso.datetime().nullable(),
});

/** GET /api/v1/requirements/reviews */
export const quarterViewResponse = z.object({
  quarter: z.string(),
  reviews: z.array(z.object({
    ...reviewEntry,
    reviewerName: z.string(),
    requirement: requirementRef,
  })),
  overdue: z.array(z.object({
    id: z.string(),
    ref: z.string(),
    title: z.string(),
    nextReviewDue: z.iso.datetime().nullable(),
    ownerName: z.string().nullable(),
    framework: frameworkRef,
  })),
  dueInQuarter: z.number(),
});

/** PATCH /api/v1/ai-systems/{id} */
export const systemResponse = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  domain: z.string(),
  regions: z.array(z.string()),
  riskTier: z.string(),
  roles: z.array(z.string()).describe('The roles the organisation plays for this system (provider, deployer, …)'),
  status: z.string(),
  businessOwnerId: z.string().nullable(),
  technicalOwnerId: z.string().nullable(),
});

/** GET /api/v1/ai-systems */
export const systemListResponse = z.array(z.object({
  ...systemResponse.shape,
  businessOwnerName: z.string(),
  technicalOwnerName: z.string(),
  frameworks: z.array(z.object({
    key: z.string(),
    name: z.string(),
    confirmed: z.boolean(),
  })),
}));

/** POST /api/v1/ai-systems */
export const systemCreatedResponse = z.object({
  id: z.string(),
  name: z.string(),
  suggestedFrameworks: z.array(z.string()),
});

/** PUT /api/v1/ai-systems/{id}/frameworks */
export const systemFrameworksResponse = z.object({
  systemId: z.string(),
  frameworkKeys: z.array(z.string()),
});

/** GET /api/v1/matrix */
export const matrixWindowResponse = z.object({
  systems: z.array(z.object({
    id: z.string(),
    name: z.string(),
    regions: z.array(z.string()),
    domain: z.string(),
    canEdit: z.boolean(),
  })),
  rows: z.array(z.object({
    id: z.string(),
    frameworkKey: z.string(),
    frameworkName: z.string(),
    ref: z.string(),
    title: z.string(),
    area: z.string().nullable(),
    aiSpecific: z.boolean(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    nextReviewDue: z.iso.datetime().nullable(),
    overdue: z.boolean(),
    derivedStatus: z.string().nullable(),
    cells: z.array(z.object({
      status: z.string(),
      applies: z.boolean(),
      justification: z.string().optional(),
      monitoring: z.object({ href: z.string(), label: z.string() }).optional().describe('The system\'s production monitoring, as evidence for the requirements a monitoring plan satisfies'),
    })),
  })),
  editableRowIds: z.array(z.string()),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
});

/** PUT /api/v1/matrix/cells */
export const cellResponse = z.object({
  id: z.string(),
  status: z.string(),
  notes: z.string().nullable(),
  justification: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  requirementId: z.string(),
  systemId: z.string(),
});

/** GET /api/v1/matrix/cells */
export const cellDetailResponse = z.object({
  requirement: z.object({
    id: z.string(),
    ref: z.string(),
    title: z.string(),
    summary: z.string(),
    frameworkKey: z.string(),
    frameworkName: z.string(),
    ownerName: z.string().nullable(),
  }),
  system: z.object({
    id: z.string(),
    name: z.string(),
  }),
  cell: z.object({
    id: z.string(),
    status: z.string(),
    notes: z.string().nullable(),
    justification: z.string().nullable(),
    evidenceUrl: z.string().nullable(),
    assessedAt: z.iso.datetime().nullable(),
    assessedBy: z.string().nullable(),
  }),
  derivedFromControls: z.boolean(),
  monitoring: z.object({ href: z.string(), label: z.string() }).nullable().describe('"Monitoring in place": the system\'s monitored production version, when the requirement is one a monitoring plan is evidence for'),
  canEdit: z.boolean(),
  history: z.array(auditEventSchema.extend({
    at: z.iso.datetime(),
    entityId: z.string(),
    changes: z.object({
      notes: textChange.optional(),
      requirementId: textChange.optional(),
      systemId: textChange.optional(),
      bulk: z.number().optional(),
      status: z.object({ from: z.string(), to: z.string() }).optional(),
    }),
    requestId: z.string(),
  })),
});

/** POST /api/v1/matrix/cells/bulk */
export const bulkUpdateResponse = z.object({
  updated: z.number(),
  status: z.string(),
});

/** GET /api/v1/controls */
export const controlListResponse = z.array(z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  area: z.string().nullable(),
  status: z.string(),
  ownerId: z.string().nullable(),
  owner: z.object({
    name: z.string(),
  }).nullable(),
  mappings: z.array(z.object({ ...link, requirement: requirementRef })),
  ownerName: z.string().nullable(),
  canEdit: z.boolean(),
  canSetStatus: z.boolean(),
}));

/** POST /api/v1/controls */
export const controlCreatedResponse = keyedCreated;

/** PATCH /api/v1/controls/{id} */
export const controlResponse = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  area: z.string().nullable(),
  ownerId: z.string().nullable(),
  status: z.string(),
});

/** GET /api/v1/mappings */
export const crosswalkResponse = z.object({
  items: z.array(z.object({
    ...link,
    citation: z.string().nullable(),
    origin: z.string().describe('Where the mapping comes from: the shipped library or a custom one'),
    customised: z.boolean().describe('A shipped mapping edited here (kept on library reloads)'),
    from: requirementRef,
    to: requirementRef,
  })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  overlaps: z.array(z.object({
    a: z.string(),
    b: z.string(),
    count: z.number(),
  })),
});

/** POST /api/v1/mappings */
export const mappingCreatedResponse = z.object({
  id: z.string(),
  controlId: z.string(),
  requirementId: z.string(),
});

/** GET /api/v1/imports/{id} */
export const importBatchResponse = z.object({
  id: z.string(),
  kind: importKindSchema,
  fileName: z.string(),
  frameworkKey: z.string(),
  summary: importSummary.omit({ id: true }),
  status: z.string(),
  createdAt: z.iso.datetime(),
});

/** POST /api/v1/imports/{id}/confirm */
export const importConfirmedResponse = z.object({
  id: z.string(),
  created: z.number(),
  changed: z.number(),
  cellsChanged: z.number(),
  frameworkKey: z.string(),
});

/** DELETE /api/v1/mappings/{id} */
export const mappingRemovedResponse = z.object({
  id: z.string(),
});
