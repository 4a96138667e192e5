import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { modelCardJson, modelCardMarkdown, type CardData } from './card-export';
import { demoModelCard } from './demo-card';

// Google's Model Card Toolkit schema v0.0.2 declares draft-07, Ajv 8's default draft.
const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, 'model-card-toolkit', 'model_card.schema.v0.0.2.json'), 'utf8'));

/**
 * The same schema with every object closed: the toolkit loads JSON through
 * its protobuf parser, which refuses any field the schema does not name,
 * while the schema itself closes only the top level.
 */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v)]));
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function validator(s: object) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(s);
}
const validate = validator(schema);
const validateClosed = validator(closed(schema) as object);

const data: CardData = {
  model: { key: 'm', name: 'Model', purpose: 'P', system: 'S', owner: { name: 'O', email: 'o@x' }, businessOwner: { name: 'B', email: 'b@x' } },
  version: { label: '1.0', stage: 'APPROVED', createdAt: '2026-01-01T23:30:00.000Z', createdBy: 'O', framework: 'sklearn', artifactUri: 's3://x', artifactDigest: 'a'.repeat(64) },
  card: demoModelCard('Model', 'Triage'),
  metrics: [{ name: 'AUC', value: 0.85, threshold: 0.8, direction: 'AT_LEAST' }],
  groups: [{ attribute: 'sex', groupValue: 'f', count: 10, selectionRate: 0.5, recall: 0.8, accuracy: 0.9 }],
  datasets: [
    { name: 'D', role: 'TRAINING', classification: 'RESTRICTED', description: 'Claims 2019–2024.', sensitiveFields: ['date of birth', 'diagnosis codes'] },
    { name: 'E', role: 'EVALUATION', classification: 'INTERNAL', description: '', sensitiveFields: [] },
  ],
  mitigations: [{ attribute: 'sex', check: 'DISPARATE_IMPACT', mitigation: 'Manual review' }],
};

describe('model card exports', () => {
  it('writes every section and the thresholds in Markdown', () => {
    const md = modelCardMarkdown(data);
    for (const h of ['## Model details', '## Intended use', '## Out-of-scope uses', '## Ethical considerations', '## Known limitations', '## Performance thresholds']) expect(md).toContain(h);
    expect(md).toContain('| AUC | 0.85 | ≥ 0.8 | yes |');
  });
  it('uses Model Card Toolkit field names', () => {
    const j = modelCardJson(data);
    expect(j.model_details).toMatchObject({ name: 'Model', version: { name: '1.0' }, owners: [{ name: 'O', contact: 'o@x' }, { name: 'B', contact: 'b@x' }] });
    expect(j.quantitative_analysis.performance_metrics).toContainEqual({ type: 'AUC', value: '0.85' });
    expect(j.quantitative_analysis.performance_metrics).toContainEqual({ type: 'selection_rate', value: '0.5', slice: 'sex=f' });
    expect(j.considerations.use_cases).toEqual([{ description: 'Triage' }]);
    expect(j.considerations.ethical_considerations).toContainEqual({ name: 'sex: DISPARATE_IMPACT', mitigation_strategy: 'Manual review' });
  });
});

describe('Model Card Toolkit JSON (schema v0.0.2)', () => {
  it('validates against Google’s schema, and with every object closed (no field the schema does not name)', () => {
    const j = modelCardJson(data);
    expect(validate(j), JSON.stringify(validate.errors)).toBe(true);
    expect(validateClosed(j), JSON.stringify(validateClosed.errors)).toBe(true);
  });

  it('the closed schema catches each earlier violation (extra top-level field, threshold on a metric, date-time date)', () => {
    const j = modelCardJson(data);
    expect(validate({ ...j, x_portal: {} })).toBe(false);
    const withThreshold = { ...j, quantitative_analysis: { performance_metrics: [{ type: 'AUC', value: '0.85', threshold: '0.8' }] } };
    expect(validateClosed(withThreshold)).toBe(false);
    expect(validate({ ...j, model_details: { ...j.model_details, version: { name: '1.0', date: '2026-01-01T23:30:00.000Z' } } })).toBe(false);
  });

  it('dates the version with a calendar date (UTC)', () => {
    expect(modelCardJson(data).model_details.version).toEqual({ name: '1.0', date: '2026-01-01' });
  });

  it('lists the sensitive fields of each dataset (not its classification) and keeps each dataset’s role', () => {
    const [train, evaluation] = modelCardJson(data).model_parameters.data;
    expect(train.sensitive).toEqual({ sensitive_data: ['date of birth', 'diagnosis codes'] });
    expect(train.description).toMatch(/^Training data\. Classification: restricted\. Claims 2019–2024\. De-identified historical records/);
    expect(evaluation).toMatchObject({ name: 'E', sensitive: { sensitive_data: [] } });
    expect(evaluation.description).toMatch(/^Evaluation data\. Classification: internal\. A held-out/);
    const hidden = modelCardJson({ ...data, datasets: [{ ...data.datasets[0], description: '', sensitiveFields: null }] });
    expect(hidden.model_parameters.data[0].sensitive).toEqual({ sensitive_data: [] });
  });

  it('puts the portal’s own facts where the schema allows free text', () => {
    const j = modelCardJson(data);
    expect(j.model_details.path).toBe('s3://x');
    expect(j.model_details.documentation).toContain('AI system: S. Model key: m. Stage: Approved.');
    expect(j.model_details.documentation).toContain(`(SHA-256 ${'a'.repeat(64)})`);
    expect(j.model_details.documentation).toContain('## Performance thresholds\n\n- AUC ≥ 0.8 (measured 0.85: meets)');
    expect(j.model_details.documentation).toContain('## Factors');
    expect(j.considerations.limitations.map((l) => l.description)).toEqual([
      data.card.limitations,
      `Out of scope: ${data.card.outOfScopeUses}`,
      `Caveats and recommendations: ${data.card.caveatsAndRecommendations}`,
    ]);
    expect(j.quantitative_analysis.performance_metrics.filter((m) => m.slice === 'sex=f').map((m) => m.type)).toEqual(['selection_rate', 'recall', 'accuracy']);
  });
});
