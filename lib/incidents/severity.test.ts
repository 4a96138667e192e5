import { describe, expect, it } from 'vitest';
import { assessSeverity, worse } from './severity';

describe('the severity decision tree', () => {
  it('gives SEV4 when nothing aggravates', () => {
    expect(assessSeverity({})).toEqual({ severity: 'SEV4', reasons: ['No aggravating answer → SEV4'] });
  });

  it('puts a fairness violation affecting a protected group at SEV2 or worse', () => {
    expect(assessSeverity({ protectedGroupAffected: true }).severity).toBe('SEV2');
    expect(assessSeverity({ protectedGroupAffected: true, peopleAffected: 20_000 }).severity).toBe('SEV1');
  });

  it('puts exposed personal data at SEV2, and special-category or large-scale exposure at SEV1', () => {
    expect(assessSeverity({ personalDataExposed: true, peopleAffected: 10 }).severity).toBe('SEV2');
    expect(assessSeverity({ personalDataExposed: true, specialCategoryData: true }).severity).toBe('SEV1');
    expect(assessSeverity({ personalDataExposed: true, peopleAffected: 1000 }).severity).toBe('SEV1');
    // Special-category alone (nothing exposed) raises nothing.
    expect(assessSeverity({ specialCategoryData: true }).severity).toBe('SEV4');
  });

  it('puts death, serious harm, critical infrastructure and widespread impact at SEV1', () => {
    for (const key of ['death', 'seriousHarm', 'criticalInfrastructure', 'widespread'] as const) {
      expect(assessSeverity({ [key]: true }).severity).toBe('SEV1');
    }
  });

  it('grades by people affected', () => {
    expect(assessSeverity({ peopleAffected: 1 }).severity).toBe('SEV3');
    expect(assessSeverity({ peopleAffected: 100 }).severity).toBe('SEV2');
    expect(assessSeverity({ peopleAffected: 10_000 }).severity).toBe('SEV1');
    expect(assessSeverity({ ongoingImpact: true }).severity).toBe('SEV3');
  });

  it('caps a near miss at SEV3 and says why', () => {
    const out = assessSeverity({ nearMiss: true, protectedGroupAffected: true });
    expect(out.severity).toBe('SEV3');
    expect(out.reasons.at(-1)).toMatch(/Near miss/);
    expect(assessSeverity({ nearMiss: true }).severity).toBe('SEV4');
  });

  it('lists every reason that applied', () => {
    expect(assessSeverity({ personalDataExposed: true, protectedGroupAffected: true }).reasons).toHaveLength(2);
  });

  it('orders severities', () => {
    expect(worse('SEV3', 'SEV1')).toBe('SEV1');
    expect(worse('SEV2', 'SEV4')).toBe('SEV2');
  });
});
