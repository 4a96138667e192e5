import { describe, expect, it } from 'vitest';
import { residualRisk, riskLevel, screen } from './screening';

describe('DPIA screening (WP248 rev.01)', () => {
  it('requires a DPIA when two or more of the nine criteria are met', () => {
    expect(screen([]).required).toBe(false);
    expect(screen(['largeScale']).required).toBe(false);
    expect(screen(['largeScale', 'sensitiveData'])).toMatchObject({ required: true, met: ['sensitiveData', 'largeScale'] });
  });

  it('flags profiling and automated decisions, and ignores unknown criteria', () => {
    expect(screen(['evaluationScoring']).automatedDecisionFlag).toBe(true);
    expect(screen(['automatedDecision', 'vulnerableSubjects'])).toMatchObject({ required: true, automatedDecisionFlag: true });
    expect(screen(['systematicMonitoring', 'made-up']).met).toEqual(['systematicMonitoring']);
  });

  it('scores likelihood × severity and takes the highest residual risk', () => {
    expect([riskLevel(1, 3), riskLevel(2, 2), riskLevel(3, 3), riskLevel(4, 4)]).toEqual(['low', 'medium', 'high', 'high']);
    const r = { title: 't', measures: '', controlIds: [], likelihood: 4, severity: 4 };
    expect(residualRisk([])).toBe('low');
    expect(residualRisk([{ ...r, residualLikelihood: 1, residualSeverity: 2 }, { ...r, residualLikelihood: 2, residualSeverity: 3 }])).toBe('medium');
  });
});
