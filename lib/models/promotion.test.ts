import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, allFairnessChecks } from './fairness';
import { deployDecision, unmetConditions, type PromotionSnapshot } from './promotion';
import { demoModelCard } from './demo-card';

const ready: PromotionSnapshot = {
  stage: 'APPROVED',
  createdById: 'eng',
  artifactDigest: 'a'.repeat(64),
  modelCard: demoModelCard('M', 'P'),
  metrics: [{ name: 'AUC', value: 0.85, threshold: 0.8, direction: 'AT_LEAST' }, { name: 'Latency', value: 50, threshold: 80, direction: 'AT_MOST' }],
  checks: allFairnessChecks([{ attribute: 'sex', groupValue: 'f', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }, { attribute: 'sex', groupValue: 'm', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }], DEFAULT_THRESHOLDS),
  mitigated: new Set(),
  hasFairnessResults: true,
  signOffs: [{ role: 'BUSINESS_OWNER', userId: 'biz' }, { role: 'COMPLIANCE', userId: 'co' }],
  attestation: { verified: true, matches: true },
};

describe('unmetConditions', () => {
  it('passes a ready version, and lists every problem of a bad one at once', () => {
    expect(unmetConditions(ready, 'PRODUCTION')).toEqual([]);
    const bad: PromotionSnapshot = {
      ...ready,
      artifactDigest: null,
      modelCard: demoModelCard('M', 'P', ['limitations']),
      metrics: [{ name: 'AUC', value: 0.7, threshold: 0.8, direction: 'AT_LEAST' }, { name: 'Latency', value: 90, threshold: 80, direction: 'AT_MOST' }],
      checks: allFairnessChecks([{ attribute: 'sex', groupValue: 'f', count: 10, positives: 5, recall: 0.5, selectionRate: 0.2 }, { attribute: 'sex', groupValue: 'm', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }], DEFAULT_THRESHOLDS),
      signOffs: [{ role: 'BUSINESS_OWNER', userId: 'eng' }, { role: 'COMPLIANCE', userId: 'eng' }],
      attestation: { verified: false, matches: true },
    };
    const reasons = unmetConditions(bad, 'PRODUCTION');
    expect(reasons).toEqual([
      'The artifact SHA-256 digest is missing.',
      'Metric AUC is 0.7, which misses its threshold (≥ 0.8).',
      'Metric Latency is 90, which misses its threshold (≤ 80).',
      'The model card is incomplete: Known limitations.',
      'Fairness check demographic parity for sex fails (0.3, must be at most 0.1) and has no accepted mitigation.',
      'Fairness check disparate impact for sex fails (0.4, must be at least 0.8) and has no accepted mitigation.',
      'Fairness check equal opportunity for sex fails (0.3, must be at most 0.1) and has no accepted mitigation.',
      'The two sign-offs are by the same person.',
      'The version’s creator signed off on it.',
      'The attestation signature does not verify.',
    ]);
  });

  it('asks only what a stage needs, and accepts mitigated checks', () => {
    const failing = { ...ready, checks: ready.checks.map((c) => ({ ...c, passed: false })), signOffs: [], attestation: null };
    expect(unmetConditions(failing, 'BIAS_REVIEW')).toEqual([]);
    expect(unmetConditions(failing, 'PENDING_APPROVAL')).toHaveLength(3);
    const mitigated = { ...failing, mitigated: new Set(failing.checks.map((c) => `${c.attribute}|${c.check}`)) };
    expect(unmetConditions(mitigated, 'PENDING_APPROVAL')).toEqual([]);
    expect(unmetConditions(mitigated, 'APPROVED')).toEqual(['The business owner has not signed off.', 'A compliance officer has not signed off.']);
  });

  it('allows deployment only of the production version', () => {
    expect(deployDecision(ready)).toEqual({ allowed: false, reasons: ['The version is in stage APPROVED, not PRODUCTION.'] });
    expect(deployDecision({ ...ready, stage: 'PRODUCTION' })).toEqual({ allowed: true, reasons: [] });
    expect(deployDecision({ ...ready, stage: 'PRODUCTION', attestation: { verified: true, matches: false } }).allowed).toBe(false);
  });
});
