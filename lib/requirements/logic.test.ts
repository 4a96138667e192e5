import { describe, expect, it } from 'vitest';
import { csvCell as csvField, parseCsv, unescapeFormula } from '@/lib/csv';
import { areaOfGroup, parseOscalUpload } from './logic/oscal';

const oscal = (doc: unknown) => parseOscalUpload([{ fileName: 'x.json', text: JSON.stringify(doc) }]);
import { shippedLibrary } from './library-data';
import { statusFromControls, suggestFrameworks } from './logic/rules';

const shipped = shippedLibrary().frameworks;
const suggest = (system: Parameters<typeof suggestFrameworks>[0]) => suggestFrameworks(system, shipped);

describe('suggestFrameworks', () => {
  it('suggests GDPR and the AI Act in the EU, HIPAA and FDA for US healthcare, PCI DSS for card payments', () => {
    expect(suggest({ regions: ['EU'], domain: 'OTHER' })).toEqual(expect.arrayContaining(['gdpr', 'eu-ai-act']));
    const us = suggest({ regions: ['US'], domain: 'HEALTHCARE' });
    expect(us).toEqual(expect.arrayContaining(['hipaa-security', 'fda-aiml-samd']));
    expect(us).not.toContain('gdpr');
    expect(suggest({ regions: ['UK'], domain: 'OTHER', cardPayments: true })).toContain('pci-dss');
    expect(suggest({ regions: ['US'], domain: 'FINANCE' })).toEqual(expect.arrayContaining(['glba-safeguards', 'sox-itgc']));
  });

  it('offers the sector and state AI rules: US healthcare, EU credit, hiring', () => {
    const health = suggest({ regions: ['US'], domain: 'HEALTHCARE', riskTier: 'HIGH' });
    expect(health).toEqual(expect.arrayContaining(['hhs-1557-92-210', 'onc-hti-1-dsi', 'hipaa-security', 'colorado-ai-act', 'nist-sp-800-53-high']));
    expect(health).not.toContain('dora');
    const credit = suggest({ regions: ['EU'], domain: 'FINANCE', riskTier: 'HIGH' });
    expect(credit).toEqual(expect.arrayContaining(['dora', 'eu-ai-act', 'gdpr', 'nis2']));
    expect(credit).not.toContain('reg-b-1002-9');
    expect(suggest({ regions: ['US'], domain: 'FINANCE', riskTier: 'HIGH' })).toEqual(expect.arrayContaining(['reg-b-1002-9', 'sr-11-7']));
    const hiring = suggest({ regions: ['US'], domain: 'HR', riskTier: 'HIGH' });
    expect(hiring).toEqual(expect.arrayContaining(['nyc-ll-144', 'illinois-hb-3773', 'ccpa-cpra']));
    expect(suggest({ regions: ['EU'], domain: 'HR', riskTier: 'HIGH' })).not.toContain('nyc-ll-144');
  });

  it('uses risk tier and role: general-purpose models get the GPAI chapter, AI 600-1 and the OWASP LLM list; roles narrow only when stated', () => {
    const gpai = suggest({ regions: ['EU'], domain: 'OTHER', riskTier: 'GENERAL_PURPOSE' });
    expect(gpai).toEqual(expect.arrayContaining(['eu-ai-act-gpai', 'nist-ai-600-1', 'owasp-llm-top10-2025', 'nist-sp-800-218a']));
    expect(suggest({ regions: ['EU'], domain: 'OTHER', riskTier: 'MINIMAL' })).not.toContain('eu-ai-act-gpai');
    // SP 800-218A applies to high-risk systems only for providers and developers.
    expect(suggest({ regions: ['US'], domain: 'OTHER', riskTier: 'HIGH', roles: ['DEPLOYER'] })).not.toContain('nist-sp-800-218a');
    expect(suggest({ regions: ['US'], domain: 'OTHER', riskTier: 'HIGH', roles: ['DEVELOPER'] })).toContain('nist-sp-800-218a');
    expect(suggest({ regions: ['US'], domain: 'OTHER', riskTier: 'HIGH' })).toContain('nist-sp-800-218a');
  });

  it('gives every shipped framework but ISO/IEC 27001 at least one applicability rule', () => {
    expect(shipped.filter((f) => f.applicability.length === 0).map((f) => f.key)).toEqual(['iso-27001']);
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
