import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { modelCardJson, modelCardMarkdown, type CardData } from './card-export';
import { DEFAULT_THRESHOLDS } from './fairness';
import { loadGateFacts } from './gate-policy';
import { deployDecision, missingCardSections, nextStage, unmetConditions } from './promotion';
import { EDITABLE_STAGES, listDatasetsQuerySchema, listModelsQuerySchema, type ListModelsQuery } from './schema';
import { cardOf, findVersion, modelHeaderSelect, snapshotOf, thresholdsOf, type VersionRow } from './snapshot';

export async function listModels(actor: Actor, input: ListModelsQuery = {}) {
  authorize(actor, 'models:read');
  const q = listModelsQuerySchema.parse(input);
  const where: Prisma.ModelWhereInput = {
    orgId: actor.orgId,
    ...(q.systemId ? { systemId: q.systemId } : {}),
    ...(q.stage ? { versions: { some: { stage: q.stage } } } : {}),
    ...(q.q ? { OR: [{ name: { contains: q.q, mode: 'insensitive' } }, { key: { contains: q.q, mode: 'insensitive' } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.model.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: {
        id: true,
        key: true,
        name: true,
        updatedAt: true,
        system: { select: { id: true, name: true } },
        owner: { select: { name: true } },
        versions: { where: { stage: 'PRODUCTION' }, select: { label: true }, take: 1 },
        _count: { select: { versions: true } },
      },
    }),
    db.model.count({ where }),
  ]);
  return {
    items: rows.map((m) => ({
      id: m.id,
      key: m.key,
      name: m.name,
      system: m.system,
      owner: m.owner.name,
      production: m.versions[0]?.label ?? null,
      versionCount: m._count.versions,
      updatedAt: m.updatedAt.toISOString(),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getModel(actor: Actor, key: string) {
  authorize(actor, 'models:read');
  const m = await db.model.findFirst({
    where: { orgId: actor.orgId, OR: [{ key }, { id: key }] },
    select: {
      ...modelHeaderSelect,
      createdAt: true,
      system: { select: { id: true, name: true, riskTier: true } },
      owner: { select: { name: true } },
      businessOwner: { select: { name: true } },
      versions: {
        orderBy: { createdAt: 'desc' },
        take: 200,
        select: { id: true, label: true, stage: true, createdAt: true, createdBy: { select: { name: true } } },
      },
      deployments: {
        orderBy: { at: 'desc' },
        take: 100,
        select: {
          id: true,
          kind: true,
          at: true,
          reason: true,
          incidentId: true,
          actor: { select: { name: true } },
          version: { select: { label: true } },
          fromVersion: { select: { label: true } },
        },
      },
    },
  });
  if (!m) throw notFound('The model');
  const hasProduction = m.versions.some((v) => v.stage === 'PRODUCTION');
  const approvedOthers = m.versions.some((v) => v.stage === 'APPROVED');
  return {
    id: m.id,
    key: m.key,
    name: m.name,
    purpose: m.purpose,
    system: m.system,
    owner: m.owner.name,
    businessOwner: m.businessOwner?.name ?? null,
    createdAt: m.createdAt.toISOString(),
    versions: m.versions.map((v) => ({ id: v.id, label: v.label, stage: v.stage, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy.name })),
    deployments: m.deployments.map((d) => ({
      id: d.id,
      kind: d.kind,
      at: d.at.toISOString(),
      reason: d.reason,
      incidentId: d.incidentId,
      actor: d.actor?.name ?? 'system',
      version: d.version?.label ?? null,
      fromVersion: d.fromVersion?.label ?? null,
    })),
    capabilities: {
      write: can(actor, 'models:write', { ownerIds: [m.ownerId] }),
      createVersion: can(actor, 'models:create') && can(actor, 'models:write', { ownerIds: [m.ownerId] }),
      rollback: can(actor, 'models:promote') && hasProduction && approvedOthers,
    },
  };
}

function datasetView(actor: Actor, d: VersionRow['datasets'][number]) {
  const restricted = d.dataset.classification === 'RESTRICTED' && !can(actor, 'datasets:restricted', { ownerIds: [d.dataset.ownerId] });
  return {
    id: d.dataset.id,
    name: d.dataset.name,
    classification: d.dataset.classification,
    role: d.role,
    // Transformations can describe restricted data; hidden with the rest of the details.
    transformation: restricted ? null : d.transformation,
    steps: restricted ? [] : d.steps,
    restricted,
  };
}

/** Everything the version page shows, with the gate's verdicts. */
export async function getVersion(actor: Actor, model: string, version: string) {
  authorize(actor, 'models:read');
  const row = await findVersion(db, actor.orgId, model, version);
  const { promotion, checks, attestation } = snapshotOf(row, await loadGateFacts(db, row));
  const next = nextStage(row.stage);
  const owners = { ownerIds: [row.model.ownerId, row.createdById] };
  const isCreator = actor.userId === row.createdById;
  // The two sign-offs come from two different people (signOffVersion's rule).
  const signedByMe = row.signOffs.some((s) => s.userId === actor.userId);
  return {
    id: row.id,
    label: row.label,
    stage: row.stage,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy.name,
    createdById: row.createdById,
    framework: row.framework,
    artifactUri: row.artifactUri,
    artifactDigest: row.artifactDigest,
    artifactSize: row.artifactSize == null ? null : Number(row.artifactSize),
    hyperparameters: row.hyperparameters as Record<string, unknown>,
    explainability: row.explainability as { method: string; features: { name: string; meanAbsAttribution: number }[] } | null,
    notes: row.notes,
    model: {
      id: row.model.id,
      key: row.model.key,
      name: row.model.name,
      system: row.model.system.name,
      systemId: row.model.systemId,
      owner: row.model.owner.name,
      businessOwner: row.model.businessOwner?.name ?? null,
      businessOwnerId: row.model.businessOwnerId,
    },
    metrics: row.metrics,
    groups: row.groupResults,
    checks,
    thresholds: thresholdsOf(row),
    mitigations: row.mitigations.map((m) => ({ attribute: m.attribute, check: m.check, mitigation: m.mitigation, approver: m.approver.name, acceptedAt: m.acceptedAt.toISOString() })),
    robustness: row.robustness,
    datasets: row.datasets.map((d) => datasetView(actor, d)),
    signOffs: row.signOffs.map((s) => ({ role: s.role, user: s.user.name, comment: s.comment, at: s.at.toISOString() })),
    attestation: row.attestation ? { signedAt: row.attestation.signedAt.toISOString(), ...attestation! } : null,
    card: cardOf(row),
    cardMissing: missingCardSections(cardOf(row)),
    next,
    nextReasons: next ? unmetConditions(promotion, next) : [],
    productionReasons: row.stage === 'PRODUCTION' ? deployDecision(promotion).reasons : unmetConditions(promotion, 'PRODUCTION'),
    capabilities: {
      write: can(actor, 'models:write', owners),
      // Results, datasets and the card change only in the stages updateVersion accepts (assertEditable).
      edit: can(actor, 'models:write', owners) && EDITABLE_STAGES.includes(row.stage),
      advance: next != null && next !== 'APPROVED' && next !== 'PRODUCTION' && can(actor, 'models:write', owners),
      promote: next === 'PRODUCTION' && can(actor, 'models:promote'),
      // changeStage retires from any stage; a production version's retirement is recorded as a deployment event.
      retire: row.stage !== 'RETIRED' && can(actor, 'models:promote'),
      returnToDraft: ['VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'].includes(row.stage) && can(actor, 'models:write', owners),
      signBusiness:
        row.stage === 'PENDING_APPROVAL' && !isCreator && !signedByMe && actor.userId != null && actor.userId === row.model.businessOwnerId && !row.signOffs.some((s) => s.role === 'BUSINESS_OWNER'),
      signCompliance: row.stage === 'PENDING_APPROVAL' && !isCreator && !signedByMe && can(actor, 'models:signoff') && !row.signOffs.some((s) => s.role === 'COMPLIANCE'),
      acceptMitigation: can(actor, 'models:promote') && !isCreator && ['BIAS_REVIEW', 'PENDING_APPROVAL', 'VALIDATION', 'DRAFT'].includes(row.stage),
    },
  };
}
export type VersionView = Awaited<ReturnType<typeof getVersion>>;

/** For deploy pipelines: may this version be deployed? */
export async function getGate(actor: Actor, model: string, version: string) {
  authorize(actor, 'models:read');
  const row = await findVersion(db, actor.orgId, model, version);
  const { allowed, reasons } = deployDecision(snapshotOf(row, await loadGateFacts(db, row)).promotion);
  return { allowed, stage: row.stage, reasons };
}

export async function getAttestation(actor: Actor, model: string, version: string) {
  authorize(actor, 'models:read');
  const row = await findVersion(db, actor.orgId, model, version);
  if (!row.attestation) throw notFound('An attestation for this version (it is signed at approval)');
  const { attestation } = snapshotOf(row);
  return {
    algorithm: 'Ed25519' as const,
    manifest: JSON.parse(row.attestation.manifest) as Record<string, unknown>,
    manifestCanonical: row.attestation.manifest,
    signature: row.attestation.signature,
    publicKey: row.attestation.publicKey,
    signedAt: row.attestation.signedAt.toISOString(),
    verified: attestation!.verified,
    matchesVersion: attestation!.matches,
  };
}

export async function getModelCard(actor: Actor, model: string, version: string): Promise<CardData> {
  authorize(actor, 'models:read');
  const row = await findVersion(db, actor.orgId, model, version);
  return {
    model: {
      key: row.model.key,
      name: row.model.name,
      purpose: row.model.purpose,
      system: row.model.system.name,
      owner: row.model.owner,
      businessOwner: row.model.businessOwner,
    },
    version: {
      label: row.label,
      stage: row.stage,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy.name,
      framework: row.framework,
      artifactUri: row.artifactUri,
      artifactDigest: row.artifactDigest,
    },
    card: cardOf(row),
    metrics: row.metrics,
    groups: row.groupResults,
    datasets: row.datasets.map((d) => {
      // A restricted dataset's details stay hidden from readers who may not see them, in the export as on the page.
      const hidden = d.dataset.classification === 'RESTRICTED' && !can(actor, 'datasets:restricted', { ownerIds: [d.dataset.ownerId] });
      return { name: d.dataset.name, role: d.role, classification: d.dataset.classification, description: hidden ? '' : d.dataset.description, sensitiveFields: hidden ? null : d.dataset.personalData ? d.dataset.personalDataCategories : [] };
    }),
    mitigations: row.mitigations,
  };
}

export async function exportModelCard(actor: Actor, model: string, version: string, format: 'md' | 'json') {
  const data = await getModelCard(actor, model, version);
  return format === 'md' ? modelCardMarkdown(data) : modelCardJson(data);
}

/** AI systems to attach models to, with their fairness thresholds. */
export async function listSystemsForModels(actor: Actor) {
  authorize(actor, 'models:read');
  const rows = await db.aISystem.findMany({
    where: { orgId: actor.orgId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, riskTier: true, fairnessThreshold: { select: { maxParityDifference: true, minDisparateImpact: true, maxOpportunityDifference: true, updatedAt: true } } },
    take: 500,
  });
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    riskTier: s.riskTier,
    thresholds: s.fairnessThreshold ?? DEFAULT_THRESHOLDS,
    customised: Boolean(s.fairnessThreshold),
  }));
}

const datasetDetailSelect = {
  id: true,
  name: true,
  classification: true,
  ownerId: true,
  description: true,
  source: true,
  personalData: true,
  personalDataCategories: true,
  legalBasis: true,
  retentionDays: true,
  deletionDate: true,
  storageLocation: true,
  accessPolicy: true,
  createdAt: true,
  owner: { select: { name: true } },
} satisfies Prisma.DatasetSelect;

type DatasetRow = Prisma.DatasetGetPayload<{ select: typeof datasetDetailSelect }>;

/** Restricted datasets show only name and classification to those without the need to know. */
function datasetSummary(actor: Actor, d: DatasetRow) {
  const hidden = d.classification === 'RESTRICTED' && !can(actor, 'datasets:restricted', { ownerIds: [d.ownerId] });
  const base = { id: d.id, name: d.name, classification: d.classification, restricted: hidden };
  if (hidden) return { ...base, details: null };
  return {
    ...base,
    details: {
      description: d.description,
      source: d.source,
      owner: d.owner.name,
      personalData: d.personalData,
      personalDataCategories: d.personalDataCategories,
      legalBasis: d.legalBasis,
      retentionDays: d.retentionDays,
      deletionDate: d.deletionDate?.toISOString() ?? null,
      storageLocation: d.storageLocation,
      accessPolicy: d.accessPolicy,
      createdAt: d.createdAt.toISOString(),
    },
  };
}

export async function listDatasets(actor: Actor, input: Record<string, unknown> = {}) {
  authorize(actor, 'models:read');
  const q = listDatasetsQuerySchema.parse(input);
  const where: Prisma.DatasetWhereInput = {
    orgId: actor.orgId,
    ...(q.classification ? { classification: q.classification } : {}),
    ...(q.q ? { name: { contains: q.q, mode: 'insensitive' } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.dataset.findMany({ where, orderBy: { name: 'asc' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize, select: { ...datasetDetailSelect, _count: { select: { usages: true } } } }),
    db.dataset.count({ where }),
  ]);
  return { items: rows.map((d) => ({ ...datasetSummary(actor, d), usageCount: d._count.usages })), total, page: q.page, pageSize: q.pageSize };
}

export async function getDataset(actor: Actor, id: string) {
  authorize(actor, 'models:read');
  const d = await db.dataset.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      ...datasetDetailSelect,
      usages: {
        orderBy: { version: { createdAt: 'desc' } },
        take: 500,
        select: { role: true, transformation: true, steps: true, version: { select: { label: true, stage: true, model: { select: { key: true, name: true } } } } },
      },
    },
  });
  if (!d) throw notFound('The dataset');
  const summary = datasetSummary(actor, d);
  return {
    ...summary,
    lineage: d.usages.map((u) => ({
      model: u.version.model,
      version: u.version.label,
      stage: u.version.stage,
      role: u.role,
      transformation: summary.restricted ? null : u.transformation,
      steps: summary.restricted ? [] : u.steps,
    })),
  };
}

// For the documents and exports other domains assemble from a version (reports, interchange).
export { cardOf, findVersion, snapshotOf } from './snapshot';
