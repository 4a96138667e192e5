import { describe, expect, it } from 'vitest';
import { anonymityFigures } from './anonymisation';

const header = ['Age band', 'ZIP3', 'Sex', 'Diagnosis'];
const row = (age: string, zip: string, sex: string, dx: string) => [age, zip, sex, dx];

describe('the anonymisation check', () => {
  it('computes k as the smallest class over the quasi-identifiers and warns below the default of 5', () => {
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => row('30-39', '021', 'F', i % 2 ? 'flu' : 'asthma')),
      ...Array.from({ length: 3 }, () => row('40-49', '021', 'M', 'diabetes')),
    ];
    const f = anonymityFigures(header, rows, { quasiIdentifiers: ['age band', 'zip3', 'sex'], sensitive: 'Diagnosis' });
    expect(f).toMatchObject({ rows: 8, classes: 2, k: 3, classesBelowK: 1, rowsBelowK: 3, l: 1, classesBelowL: 1, kThreshold: 5 });
    expect(f.warnings).toHaveLength(2);
    expect(f.warnings[0]).toContain('k = 3 is below 5');
    expect(f.warnings[1]).toContain('l = 1 is below 2');
  });
  it('gives no warning when every class has k rows and l distinct sensitive values; thresholds can be set', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(i < 5 ? '30-39' : '40-49', '021', 'F', ['a', 'b', 'c'][i % 3]));
    expect(anonymityFigures(header, rows, { quasiIdentifiers: ['Age band', 'Sex'], sensitive: 'Diagnosis' })).toMatchObject({ k: 5, l: 3, warnings: [] });
    expect(anonymityFigures(header, rows, { quasiIdentifiers: ['Age band'], k: 6 }).warnings[0]).toContain('k = 5 is below 6');
    expect(anonymityFigures(header, rows, { quasiIdentifiers: ['Age band'] }).l).toBeNull();
  });
  it('refuses unknown columns and a sensitive attribute used as a quasi-identifier', () => {
    expect(() => anonymityFigures(header, [], { quasiIdentifiers: ['Postcode'] })).toThrow('Not a column of the sample: Postcode');
    expect(() => anonymityFigures(header, [], { quasiIdentifiers: ['Sex'], sensitive: 'sex' })).toThrow('cannot also be a quasi-identifier');
  });
});
