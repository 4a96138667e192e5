import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';

const versionParams = z.object({
  model: z.string().min(1).max(64).describe('Model key (or id)'),
  version: z.string().min(1).max(64).describe('Version label (or id)'),
});

const component = z.object({ type: z.string(), 'bom-ref': z.string(), name: z.string() }).loose();

export const interchangeApi = {
  modelBom: defineApi({
    method: 'GET',
    path: '/api/v1/models/{model}/versions/{version}/bom',
    tag: 'Model registry',
    summary:
      'CycloneDX 1.6 ML-BOM of the version: the model as a machine-learning-model component with its modelCard, datasets as data components with lineage and classification, the artifact SHA-256 and the signed attestation referenced',
    description: 'Engineers receive the BOM of models and systems they own; auditors, compliance officers and administrators of any. Restricted datasets appear without their details to readers who may not see them.',
    permission: 'reports:export',
    params: versionParams,
    response: z
      .object({
        bomFormat: z.literal('CycloneDX'),
        specVersion: z.literal('1.6'),
        serialNumber: z.string(),
        version: z.number(),
        metadata: z.object({ timestamp: z.string(), component }).loose(),
        components: z.array(component),
        dependencies: z.array(z.object({ ref: z.string(), dependsOn: z.array(z.string()).optional() })),
      })
      .loose(),
  }),
};
