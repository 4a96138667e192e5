import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, unescapeFormula } from './logic/csv';
import { areaOfGroup, parseOscalUpload } from './logic/oscal';

const oscal = (doc: unknown) => parseOscalUpload([{ fileName: 'x.json', text: JSON.stringify(doc) }]);
import { statusFromControls, suggestFrameworks } from './logic/rules';

describe('suggestFrameworks', () => {
  it('suggests GDPR and the AI Act in the EU, HIPAA and FDA for US healthcare, PCI DSS for card payments', () => {
    expect(suggestFrameworks({ regions: ['EU'], domain: 'OTHER' })).toEqual(expect.arrayContaining(['gdpr', 'eu-ai-act']));
    const us = suggestFrameworks({ regions: ['US'], domain: 'HEALTHCARE' });
    expect(us).toEqual(expect.arrayContaining(['hipaa-security', 'fda-aiml-samd']));
    expect(us).not.toContain('gdpr');
    expect(suggestFrameworks({ regions: ['UK'], domain: 'OTHER', cardPayments: true })).toContain('pci-dss');
    expect(suggestFrameworks({ regions: ['US'], domain: 'FINANCE' })).toEqual(expect.arrayContaining(['glba-safeguards', 'sox-itgc']));
  });
});

describe('statusFromControls', () => {
  it('combines control statuses: all compliant, any non-compliant, partial progress, nothing', () => {
    expect(statusFromControls([])).toBe('NOT_ASSESSED');
    expect(statusFromControls(['COMPLIANT', 'COMPLIANT', 'NOT_APPLICABLE'])).toBe('COMPLIANT');
    expect(statusFromControls(['COMPLIANT', 'NON_COMPLIANT'])).toBe('NON_COMPLIANT');
    expect(statusFromControls(['COMPLIANT', 'NOT_ASSESSED'])).toBe('PARTIALLY_COMPLIANT');
    expect(statusFromControls(['NOT_ASSESSED'])).toBe('NOT_ASSESSED');
    expect(statusFromControls(['NOT_APPLICABLE'])).toBe('NOT_APPLICABLE');
  });
});

describe('CSV', () => {
  it('parses quoted fields, doubled quotes, embedded newlines, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
  });
  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unmatched/);
  });
  it('round-trips fields, neutralising formulas', () => {
    for (const v of ['plain', 'with, comma', 'quote "q"', '=SUM(A1)', '-5 dB']) {
      const [[back]] = parseCsv(csvField(v));
      expect(unescapeFormula(back)).toBe(v);
    }
    expect(csvField('=1+1')).toBe("'=1+1");
  });
});

describe('OSCAL', () => {
  // Statement items stay nested (one line each, indented) instead of being run together.
  it('walks nested groups, controls and statement parts, keeping the items apart', () => {
    const parsed = oscal({
      catalog: {
        metadata: { title: 'T', version: '2' },
        groups: [{ id: 'g', title: 'Access control', groups: [{ id: 'g1', title: 'Inner', controls: [{ id: 'ac-1', title: 'Policy', props: [{ name: 'label', value: 'AC-1' }], parts: [{ name: 'statement', prose: 'Do it.', parts: [{ name: 'item', prose: 'And this.' }] }, { name: 'guidance', prose: 'ignored' }], controls: [{ id: 'ac-1.1', title: 'Enhancement' }] }] }] }],
      },
    });
    expect(parsed.controls).toEqual([
      expect.objectContaining({ ref: 'AC-1', title: 'Policy', summary: 'Do it.\n  And this.', group: 'Inner' }),
      expect.objectContaining({ ref: 'AC-1.1', title: 'Enhancement', summary: 'Enhancement' }),
    ]);
    expect(parsed.version).toBe('2');
  });
  it('names what is malformed', () => {
    expect(() => oscal({})).toThrow(/"catalog" or "profile" object is missing/);
    expect(() => oscal({ catalog: { metadata: { title: 'x' }, groups: {} } })).toThrow(/groups is not a list/);
    expect(oscal({ catalog: { metadata: { title: 'x' }, controls: [{ id: 1 }] } }).problems[0]).toMatch(/needs a string "id"/);
  });
  it('takes an area from the group title', () => {
    expect(areaOfGroup('Personal data consent', null)).toBe('PRIVACY');
    expect(areaOfGroup('Board oversight', null)).toBe('GOVERNANCE');
  });
});
