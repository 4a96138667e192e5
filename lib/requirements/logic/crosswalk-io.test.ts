import { describe, expect, it } from 'vitest';
import { crosswalkCsv, crosswalkOscal, OSCAL_RELATIONSHIP, parseCrosswalkCsv, parseCrosswalkOscal, type CrosswalkRow } from './crosswalk-io';

const rows: CrosswalkRow[] = [
  { fromFramework: 'gdpr', fromRef: 'Art. 22', relationship: 'RELATED', toFramework: 'eu-ai-act', toRef: 'Art. 14', rationale: 'Human intervention, "both ways", with, commas', citation: null },
  { fromFramework: 'hipaa-security', fromRef: '164.308(a)(2)', relationship: 'SUBSET', toFramework: 'nist-csf-2', toRef: 'GV.RR-02', rationale: '=SUM(1) is text, not a formula', citation: 'HHS crosswalk https://example.org' },
];

describe('crosswalk files', () => {
  it('round-trips CSV, quoting commas and quotes and neutralising formulas', () => {
    const text = crosswalkCsv(rows);
    expect(text.split('\r\n')[0]).toBe('fromFramework,fromRef,relationship,toFramework,toRef,rationale,citation');
    expect(text).not.toMatch(/\r\n=SUM/);
    expect(parseCrosswalkCsv(text)).toEqual({ rows, problems: [] });
  });

  it('accepts OLIR names for relationships and names every bad row', () => {
    const head = 'fromFramework,fromRef,relationship,toFramework,toRef,rationale\n';
    const ok = parseCrosswalkCsv(`${head}a,1,subset-of,b,2,r\na,1,intersects with,b,3,r\na,1,superset of,b,4,r\na,1,equivalent-to,b,5,r\n`);
    expect(ok.problems).toEqual([]);
    expect(ok.rows.map((r) => r.relationship)).toEqual(['SUBSET', 'RELATED', 'SUPERSET', 'EQUIVALENT']);
    const bad = parseCrosswalkCsv(`${head}a,1,overlaps,b,2,r\na,,equivalent,b,2,\n`);
    expect(bad.problems).toEqual([
      { row: 2, reason: expect.stringContaining('relationship "overlaps"') },
      { row: 3, reason: expect.stringMatching(/fromRef is empty.*rationale is empty/) },
    ]);
    expect(parseCrosswalkCsv('from,to\n').problems[0].reason).toMatch(/Missing columns: fromFramework.*Unknown columns: from, to/);
  });

  it('writes an OSCAL mapping collection with OLIR relationship names and reads it back', () => {
    const doc = crosswalkOscal(rows, { title: 'Test', frameworkNames: { gdpr: 'GDPR' }, now: new Date('2026-12-01T00:00:00Z') });
    const col = doc['mapping-collection'];
    expect(col.metadata).toMatchObject({ title: 'Test', 'oscal-version': '1.2.0', 'last-modified': '2026-12-01T00:00:00.000Z' });
    expect(col.mappings).toHaveLength(2);
    expect(col.mappings[1].maps[0]).toMatchObject({ relationship: OSCAL_RELATIONSHIP.SUBSET, sources: [{ type: 'control', 'id-ref': '164.308(a)(2)' }], targets: [{ 'id-ref': 'GV.RR-02' }], props: [{ name: 'citation' }] });
    expect(parseCrosswalkOscal(JSON.parse(JSON.stringify(doc)))).toEqual({ rows, problems: [] });
    expect(parseCrosswalkOscal({ catalog: {} }).problems[0].reason).toMatch(/Not an OSCAL mapping collection/);
  });
});
