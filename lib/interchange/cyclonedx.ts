// CycloneDX 1.6 ML-BOM of one model version. Written as plain JSON (the
// library's object model has no builder for modelCard and data components);
// cyclonedx.test.ts validates the output with the library's strict 1.6 JSON
// schema validator.
import { createHash } from 'node:crypto';
import { CARD_SECTIONS, type ModelCard } from '@/lib/models/schema';

export type BomInput = {
  serial: string;
  generatedAt: string;
  baseUrl: string;
  organisation: string;
  model: { id: string; key: string; name: string; purpose: string; system: string; owner: { name: string; email: string } };
  version: {
    id: string;
    label: string;
    stage: string;
    framework: string;
    artifactUri: string | null;
    artifactDigest: string | null;
    artifactSize: string | null;
    hyperparameters: Record<string, unknown>;
    createdAt: string;
  };
  card: ModelCard;
  metrics: { name: string; value: number; threshold: number | null; direction: 'AT_LEAST' | 'AT_MOST' }[];
  groups: { attribute: string; groupValue: string; count: number; selectionRate: number | null }[];
  mitigations: { attribute: string; check: string; mitigation: string }[];
  /** `details` is null when the reader may not see a restricted dataset's details. */
  datasets: {
    id: string;
    name: string;
    role: 'TRAINING' | 'EVALUATION';
    classification: string;
    transformation: string;
    steps: string[];
    details: { description: string; owner: string; personalDataCategories: string[] } | null;
  }[];
  attestation: { manifest: string; signature: string; publicKey: string; signedAt: string; verified: boolean } | null;
};

type Property = { name: string; value: string };
const prop = (name: string, value: unknown): Property => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) });
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const nonEmpty = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** A deterministic urn:uuid from the version id and the time the BOM describes (RFC 4122 form). */
export function bomSerial(seed: string): string {
  const h = sha256(seed);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function buildModelBom(d: BomInput) {
  const modelRef = `model:${d.model.key}@${d.version.label}`;
  const datasetRef = (ds: BomInput['datasets'][number]) => `dataset:${ds.id}:${ds.role.toLowerCase()}`;
  const versionUrl = `${d.baseUrl}/models/${encodeURIComponent(d.model.key)}/versions/${encodeURIComponent(d.version.label)}`;
  const apiUrl = `${d.baseUrl}/api/v1/models/${encodeURIComponent(d.model.key)}/versions/${encodeURIComponent(d.version.label)}`;
  const card = d.card;

  const dataComponents = d.datasets.map((ds) => ({
    type: 'data' as const,
    'bom-ref': datasetRef(ds),
    name: ds.name,
    ...(ds.details?.description ? { description: ds.details.description } : {}),
    data: [
      {
        type: 'dataset' as const,
        name: ds.name,
        classification: ds.classification,
        ...(ds.details?.personalDataCategories.length ? { sensitiveData: ds.details.personalDataCategories } : {}),
        ...(ds.details?.description ? { description: ds.details.description } : {}),
        ...(ds.details?.owner ? { governance: { owners: [{ contact: { name: ds.details.owner } }] } } : {}),
      },
    ],
    properties: [
      prop('portal:dataset:role', ds.role),
      prop('portal:dataset:id', ds.id),
      ...(ds.transformation ? [prop('portal:lineage:transformation', ds.transformation)] : []),
      ...ds.steps.map((s, i) => prop(`portal:lineage:step:${i + 1}`, s)),
      ...(ds.details ? [] : [prop('portal:dataset:details', 'restricted')]),
    ],
  }));

  const considerations = {
    ...(nonEmpty(card.intendedUse) ? { useCases: [card.intendedUse!.trim()] } : {}),
    ...(nonEmpty(card.limitations) || nonEmpty(card.outOfScopeUses)
      ? { technicalLimitations: [card.limitations, card.outOfScopeUses ? `Out of scope: ${card.outOfScopeUses}` : undefined].filter((x): x is string => Boolean(nonEmpty(x))).map((x) => x.trim()) }
      : {}),
    ...(nonEmpty(card.ethicalConsiderations) ? { ethicalConsiderations: [{ name: card.ethicalConsiderations!.trim() }] } : {}),
    ...(d.mitigations.length
      ? { fairnessAssessments: d.mitigations.map((m) => ({ groupAtRisk: m.attribute, harms: `${m.check} outside the threshold`, mitigationStrategy: m.mitigation })) }
      : {}),
  };

  const modelComponent = {
    type: 'machine-learning-model' as const,
    'bom-ref': modelRef,
    group: d.model.system,
    name: d.model.key,
    version: d.version.label,
    description: d.model.purpose || d.model.name,
    authors: [{ name: d.model.owner.name, email: d.model.owner.email }],
    ...(d.version.artifactDigest ? { hashes: [{ alg: 'SHA-256' as const, content: d.version.artifactDigest }] } : {}),
    externalReferences: [
      { type: 'model-card' as const, url: `${apiUrl}/card?format=json`, comment: 'Model Card Toolkit JSON' },
      { type: 'documentation' as const, url: versionUrl },
      ...(d.version.artifactUri ? [{ type: 'distribution' as const, url: d.version.artifactUri, ...(d.version.artifactDigest ? { hashes: [{ alg: 'SHA-256' as const, content: d.version.artifactDigest }] } : {}) }] : []),
      ...(d.attestation
        ? [
            {
              type: 'attestation' as const,
              url: `${apiUrl}/attestation`,
              comment: `Ed25519 signature over the canonical manifest, signed ${d.attestation.signedAt}; public key ${d.attestation.publicKey}; ${d.attestation.verified ? 'verified' : 'NOT verified'} when this BOM was written`,
              hashes: [{ alg: 'SHA-256' as const, content: sha256(d.attestation.manifest) }],
            },
          ]
        : []),
    ],
    modelCard: {
      'bom-ref': `${modelRef}#card`,
      modelParameters: {
        ...(d.version.framework ? { modelArchitecture: d.version.framework } : {}),
        datasets: d.datasets.map((ds) => ({ ref: datasetRef(ds) })),
      },
      quantitativeAnalysis: {
        performanceMetrics: d.metrics.map((m) => ({
          type: m.name,
          value: String(m.value),
          ...(m.threshold != null ? { confidenceInterval: m.direction === 'AT_MOST' ? { upperBound: String(m.threshold) } : { lowerBound: String(m.threshold) } } : {}),
        })),
      },
      ...(Object.keys(considerations).length ? { considerations } : {}),
      properties: [
        ...CARD_SECTIONS.filter(([k]) => nonEmpty(card[k])).map(([k]) => prop(`portal:card:${k}`, card[k]!.trim())),
        ...d.groups.filter((g) => g.selectionRate != null).map((g) => prop(`portal:fairness:${g.attribute}:${g.groupValue}:selectionRate`, String(g.selectionRate))),
      ],
    },
    properties: [
      prop('portal:stage', d.version.stage),
      prop('portal:version:id', d.version.id),
      prop('portal:version:createdAt', d.version.createdAt),
      ...(d.version.artifactSize ? [prop('portal:artifact:size', d.version.artifactSize)] : []),
      ...Object.entries(d.version.hyperparameters).map(([k, v]) => prop(`portal:hyperparameter:${k}`, v)),
      ...(d.attestation ? [prop('portal:attestation:signature', d.attestation.signature)] : []),
    ],
  };

  return {
    bomFormat: 'CycloneDX' as const,
    specVersion: '1.6' as const,
    serialNumber: d.serial,
    version: 1,
    metadata: {
      timestamp: d.generatedAt,
      tools: { components: [{ type: 'application' as const, name: 'AI governance portal' }] },
      component: modelComponent,
      supplier: { name: d.organisation },
    },
    components: dataComponents,
    dependencies: [{ ref: modelRef, dependsOn: dataComponents.map((c) => c['bom-ref']) }, ...dataComponents.map((c) => ({ ref: c['bom-ref'] }))],
  };
}

export type ModelBom = ReturnType<typeof buildModelBom>;
