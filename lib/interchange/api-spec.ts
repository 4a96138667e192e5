import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';

const versionParams = z.object({
  model: z.string().min(1).max(64).describe('Model key (or id)'),
  version: z.string().min(1).max(64).describe('Version label (or id)'),
});

const oscalDoc = (root: string) => z.object({ uuid: z.string(), metadata: z.object({ title: z.string(), 'last-modified': z.string(), version: z.string(), 'oscal-version': z.string() }).loose() }).loose().describe(`The OSCAL 1.1.2 ${root} object (the value under "${root}" in an OSCAL JSON document)`);
const idParams = z.object({ id: z.string().min(1).max(64) });
const csvList = z
  .string()
  .max(2000)
  .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(1).max(64)).max(50, 'Name at most 50 frameworks'));

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
  frameworkCatalog: defineApi({
    method: 'GET',
    path: '/api/v1/frameworks/{id}/oscal',
    tag: 'Requirements',
    summary: "OSCAL 1.1.2 catalog of one of the organisation's custom frameworks (key or id): requirements as controls, grouped as in the matrix, statements with their items",
    permission: 'reports:export',
    params: idParams,
    response: z.object({ catalog: oscalDoc('catalog') }),
  }),
  frameworkProfile: defineApi({
    method: 'GET',
    path: '/api/v1/oscal/profile',
    tag: 'Requirements',
    summary: 'OSCAL 1.1.2 profile of a framework selection: the frameworks named (all their controls), or those confirmed for an AI system (the requirements not assessed as not applicable)',
    permission: 'reports:export',
    query: z.object({ frameworks: csvList.optional().describe('Comma-separated framework keys or ids'), system: z.string().min(1).max(64).optional().describe('AI system id') }),
    response: z.object({ profile: oscalDoc('profile') }),
  }),
  auditAssessmentResults: defineApi({
    method: 'GET',
    path: '/api/v1/audits/{id}/oscal',
    tag: 'Audits',
    summary: "OSCAL 1.1.2 assessment-results of an audit: findings (against the requirements' controls), observations with evidence links, risks with severity, remediation and the finding's history",
    permission: 'reports:export',
    params: idParams,
    response: z.object({ 'assessment-results': oscalDoc('assessment-results') }),
  }),
  importVulnerabilityScan: defineApi({
    method: 'POST',
    path: '/api/v1/models/{model}/versions/{version}/vulnerability-scans',
    tag: 'Model registry',
    summary: 'Import a vulnerability scan report of the version (SARIF 2.1.0, CycloneDX VEX 1.4–1.6, Trivy JSON, Grype JSON or pip-audit JSON) as evidence linked to the version, all or nothing; every problem is named with its JSON path',
    description: 'SARIF files are validated against OASIS\'s SARIF 2.1.0 JSON schema (errata 01) and CycloneDX files with the CycloneDX library\'s strict JSON schema validator; a refused file answers 422 with every problem in `error.details.problems` (`[{ path, reason }]`) and nothing is stored. A finding\'s age counts from the first scan of the version that reported it; the gate policy\'s "maximum age of an open critical vulnerability" reads the latest scan.',
    permission: 'models:write',
    params: versionParams,
    bodyType: 'multipart',
    body: z.object({ file: z.string().describe('The scan report (JSON, max 10 MB)'), scannedAt: z.string().optional().describe('When the scan ran (ISO 8601), if the report does not say') }),
    response: z.object({ id: z.string(), format: z.string(), tool: z.string(), scannedAt: z.string(), findings: z.number(), counts: z.record(z.string(), z.number()), evidenceId: z.string() }),
  }),
};
