import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/lib/audit/canonical';
import { CANONICAL_DECISION_FIELDS, RECORD_FORMAT, decisionText, type CanonicalDecision } from './canonical';

// decisionText writes the record's members in sorted order by hand; its bytes
// must stay those of canonicalJson over the picked fields (the definition
// every leaf hash issued so far was computed with).
const reference = (d: CanonicalDecision) => {
  const picked: Record<string, unknown> = { format: RECORD_FORMAT };
  for (const k of CANONICAL_DECISION_FIELDS) picked[k] = d[k] ?? null;
  return canonicalJson(picked);
};

const base: CanonicalDecision = {
  id: 'dabc', ref: 'dec-1', orgId: 'org', systemId: 'sys', modelId: 'mod', versionId: 'ver', decidedAt: '2026-11-30T10:00:00.000Z', subjectRef: 'subj',
  featuresCipher: 'Y2lwaGVy', output: { score: 0.4, class: 'decline' }, score: 0.4, confidence: 0.8, outcome: 'decline', groupLabel: 'g1', humanReviewed: true,
  overridden: false, reviewer: 'Ann', overrideReason: null, latencyMs: 12.5, explanation: { method: 'tree-shap', baseValue: 0.3, attributions: { z: 1, a: -0.2, 'é': 1e-7 } },
};

describe('the canonical decision text', () => {
  it.each([
    ['a full record', base],
    ['nulls and missing members', { ...base, score: null, confidence: null, groupLabel: null, reviewer: null, latencyMs: null, explanation: null, output: { class: 'x' } }],
    ['undefined members', { ...base, groupLabel: undefined, explanation: undefined } as unknown as CanonicalDecision],
    ['escapes and unicode', { ...base, ref: 'a"b\\c\n\u0001\u2028😀', outcome: 'décliné', reviewer: '' }],
    ['large and small numbers', { ...base, score: 1e21, confidence: 5e-324, latencyMs: 0, output: { value: -0 } }],
    ['nested arrays and keys to sort', { ...base, output: { b: [3, { d: 1, c: null }], a: true } }],
  ])('is canonicalJson of the picked fields for %s', (_, d) => {
    expect(decisionText(d)).toBe(reference(d));
  });

  it('refuses a non-finite number as canonicalJson does', () => {
    expect(() => decisionText({ ...base, score: Number.NaN })).toThrow(/non-finite/);
  });
});
