import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { publicBaseUrl } from '@/lib/env';
import { cardOf, findVersion, snapshotOf } from '@/lib/models/queries';
import { authorizeSystemExport } from '@/lib/reports/queries';
import { bomSerial, buildModelBom } from './cyclonedx';

/** The CycloneDX 1.6 ML-BOM of a model version (engineers: of models and systems they own). */
export async function getModelBom(actor: Actor, model: string, version: string, now = new Date()) {
  const row = await findVersion(db, actor.orgId, model, version);
  await authorizeSystemExport(actor, row.model.systemId, [row.model.ownerId, row.model.businessOwnerId, row.createdById]);
  const [org, datasetOwners] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } }),
    db.dataset.findMany({ where: { id: { in: row.datasets.map((d) => d.dataset.id) } }, select: { id: true, owner: { select: { name: true } } } }),
  ]);
  const ownerOf = new Map(datasetOwners.map((d) => [d.id, d.owner.name]));
  const { attestation } = snapshotOf(row);
  const hyper = row.hyperparameters && typeof row.hyperparameters === 'object' && !Array.isArray(row.hyperparameters) ? (row.hyperparameters as Record<string, unknown>) : {};
  return buildModelBom({
    serial: bomSerial(`${row.id}|${row.updatedAt.toISOString()}`),
    generatedAt: now.toISOString(),
    baseUrl: publicBaseUrl(),
    organisation: org.name,
    model: { id: row.model.id, key: row.model.key, name: row.model.name, purpose: row.model.purpose, system: row.model.system.name, owner: row.model.owner },
    version: {
      id: row.id,
      label: row.label,
      stage: row.stage,
      framework: row.framework,
      artifactUri: row.artifactUri,
      artifactDigest: row.artifactDigest,
      artifactSize: row.artifactSize == null ? null : row.artifactSize.toString(),
      hyperparameters: hyper,
      createdAt: row.createdAt.toISOString(),
    },
    card: cardOf(row),
    metrics: row.metrics,
    groups: row.groupResults,
    mitigations: row.mitigations,
    datasets: row.datasets.map((d) => {
      const restricted = d.dataset.classification === 'RESTRICTED' && !can(actor, 'datasets:restricted', { ownerIds: [d.dataset.ownerId] });
      return {
        id: d.dataset.id,
        name: d.dataset.name,
        role: d.role,
        classification: d.dataset.classification,
        transformation: restricted ? '' : d.transformation,
        steps: restricted ? [] : d.steps,
        details: restricted ? null : { description: d.dataset.description, owner: ownerOf.get(d.dataset.id) ?? '', personalDataCategories: d.dataset.personalDataCategories },
      };
    }),
    attestation: row.attestation
      ? { manifest: row.attestation.manifest, signature: row.attestation.signature, publicKey: row.attestation.publicKey, signedAt: row.attestation.signedAt.toISOString(), verified: attestation?.verified ?? false }
      : null,
  });
}
