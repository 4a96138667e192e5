import 'server-only';
import type { Tx } from '@/lib/db';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { checkAttestation, type ManifestInput } from './attestation';
import { DEFAULT_THRESHOLDS, allFairnessChecks, type FairnessThresholds } from './fairness';
import { NO_GATE_FACTS, type GateFacts } from './gate-rules';
import type { PromotionSnapshot } from './promotion';
import { modelCardSchema, type ModelCard } from './schema';

/** The fields that name a model and its owners, wherever a model is shown with its versions. */
export const modelHeaderSelect = {
  id: true,
  key: true,
  name: true,
  purpose: true,
  ownerId: true,
  businessOwnerId: true,
} as const satisfies Prisma.ModelSelect;

type Client = Tx | typeof db;

export const versionSelect = {
  id: true,
  orgId: true,
  label: true,
  stage: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
  framework: true,
  artifactUri: true,
  artifactDigest: true,
  artifactSize: true,
  hyperparameters: true,
  modelCard: true,
  explainability: true,
  notes: true,
  createdBy: { select: { name: true } },
  model: {
    select: {
      ...modelHeaderSelect,
      systemId: true,
      system: { select: { name: true, riskTier: true, fairnessThreshold: { select: { maxParityDifference: true, minDisparateImpact: true, maxOpportunityDifference: true } } } },
      owner: { select: { name: true, email: true } },
      businessOwner: { select: { name: true, email: true } },
    },
  },
  metrics: { select: { name: true, value: true, threshold: true, direction: true }, orderBy: { name: 'asc' } },
  groupResults: {
    select: { attribute: true, groupValue: true, count: true, positives: true, accuracy: true, precision: true, recall: true, selectionRate: true },
    orderBy: [{ attribute: 'asc' }, { groupValue: 'asc' }],
  },
  mitigations: { select: { attribute: true, check: true, mitigation: true, acceptedAt: true, approver: { select: { name: true } } } },
  robustness: { select: { method: true, budget: true, metric: true, cleanValue: true, attackedValue: true } },
  signOffs: { select: { role: true, userId: true, comment: true, at: true, user: { select: { name: true } } } },
  attestation: { select: { manifest: true, signature: true, publicKey: true, signedAt: true } },
  datasets: {
    select: {
      role: true,
      transformation: true,
      steps: true,
      dataset: { select: { id: true, name: true, classification: true, ownerId: true, description: true, personalData: true, personalDataCategories: true } },
    },
  },
} satisfies Prisma.ModelVersionSelect;

export type VersionRow = Prisma.ModelVersionGetPayload<{ select: typeof versionSelect }>;

export function cardOf(row: { modelCard: unknown }): ModelCard {
  const parsed = modelCardSchema.safeParse(row.modelCard ?? {});
  return parsed.success ? parsed.data : {};
}

export function thresholdsOf(row: VersionRow): FairnessThresholds {
  return row.model.system.fairnessThreshold ?? DEFAULT_THRESHOLDS;
}

export function manifestInputOf(row: VersionRow): ManifestInput {
  return {
    model: { id: row.model.id, key: row.model.key, name: row.model.name, system: row.model.system.name },
    version: { id: row.id, label: row.label },
    artifact: { uri: row.artifactUri, sha256: row.artifactDigest, size: row.artifactSize == null ? null : row.artifactSize.toString() },
    modelCard: cardOf(row),
    approvals: row.signOffs.map((s) => ({ role: s.role, userId: s.userId, name: s.user.name, at: s.at.toISOString() })),
  };
}

/** `gate`: the gate-policy facts (`loadGateFacts`), where the caller decides a promotion or shows its conditions. */
export function snapshotOf(row: VersionRow, gate: GateFacts = NO_GATE_FACTS) {
  const checks = allFairnessChecks(row.groupResults, thresholdsOf(row));
  const attestation = row.attestation ? checkAttestation(row.attestation, manifestInputOf(row)) : null;
  const promotion: PromotionSnapshot = {
    stage: row.stage,
    createdById: row.createdById,
    artifactDigest: row.artifactDigest,
    modelCard: cardOf(row),
    metrics: row.metrics,
    checks,
    mitigated: new Set(row.mitigations.map((m) => `${m.attribute}|${m.check}`)),
    hasFairnessResults: row.groupResults.length > 0,
    signOffs: row.signOffs.map((s) => ({ role: s.role, userId: s.userId })),
    attestation,
    gate,
  };
  return { promotion, checks, attestation };
}

/** A version by model key (or id) and label (or id), in the actor's organisation. */
export async function findVersion(client: Client, orgId: string, model: string, version: string): Promise<VersionRow> {
  // Two unique-index lookups: (orgId, key) then (modelId, label); ids as the fallback.
  const m =
    (await client.model.findUnique({ where: { orgId_key: { orgId, key: model } }, select: { id: true } })) ??
    (await client.model.findFirst({ where: { id: model, orgId }, select: { id: true } }));
  if (!m) throw notFound('The model version');
  const row =
    (await client.modelVersion.findUnique({ where: { modelId_label: { modelId: m.id, label: version } }, select: versionSelect })) ??
    (await client.modelVersion.findFirst({ where: { id: version, modelId: m.id }, select: versionSelect }));
  if (!row || row.orgId !== orgId) throw notFound('The model version');
  return row;
}
