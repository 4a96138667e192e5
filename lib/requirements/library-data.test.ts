import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedLibrary } from './library-data';
import {
  AREAS,
  crosswalkSchema,
  invertRelationship,
  type Crosswalk,
  type Relationship,
  libraryFrameworkSchema,
  SHIPPED_FRAMEWORK_KEYS,
  starterControlsSchema,
  type LibraryFramework,
} from './library-schema';

const seedDir = path.join(process.cwd(), 'prisma', 'seed-data');
const frameworksDir = path.join(seedDir, 'frameworks');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

const frameworkFiles = fs
  .readdirSync(frameworksDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

const frameworks = new Map<string, LibraryFramework>();
for (const file of frameworkFiles) {
  const result = libraryFrameworkSchema.safeParse(readJson(path.join(frameworksDir, file)));
  if (result.success) frameworks.set(result.data.key, result.data);
}

const refsOf = (key: string) => new Set((frameworks.get(key)?.requirements ?? []).map((r) => r.ref));
const exists = (framework: string, ref: string) => refsOf(framework).has(ref);
const count = (key: string) => frameworks.get(key)?.requirements.length ?? 0;

describe('regulation library: framework files', () => {
  it.each(frameworkFiles)('%s parses against libraryFrameworkSchema', (file) => {
    const result = libraryFrameworkSchema.safeParse(readJson(path.join(frameworksDir, file)));
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(result.data?.key).toBe(file.replace(/\.json$/, ''));
  });

  it('ships exactly the expected frameworks', () => {
    expect([...frameworks.keys()].sort()).toEqual([...SHIPPED_FRAMEWORK_KEYS].sort());
  });

  it('has unique refs within each framework', () => {
    for (const fw of frameworks.values()) {
      const refs = fw.requirements.map((r) => r.ref);
      expect(new Set(refs).size, fw.key).toBe(refs.length);
    }
  });

  it('uses every area somewhere in the library', () => {
    const used = new Set([...frameworks.values()].flatMap((fw) => fw.requirements.map((r) => r.area)));
    expect([...used].sort()).toEqual([...AREAS].sort());
  });

  it('has the full NIST AI RMF 1.0 core: 72 subcategories in 19 categories', () => {
    const nist = frameworks.get('nist-ai-rmf')!;
    expect(nist.requirements).toHaveLength(72);
    expect(new Set(nist.requirements.map((r) => r.group)).size).toBe(19);
    for (const r of nist.requirements) {
      expect(r.ref).toMatch(/^(GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+$/);
      expect(r.group).toBe(r.ref.replace(/\.\d+$/, ''));
      expect(r.aiSpecific).toBe(true);
    }
  });

  it('has all 38 ISO/IEC 42001 Annex A controls', () => {
    expect(count('iso-42001')).toBeGreaterThanOrEqual(38);
    for (const r of frameworks.get('iso-42001')!.requirements) expect(r.ref).toMatch(/^A\.(\d+)\.\d+(\.\d+)?$/);
    for (const ref of ['A.2.2', 'A.5.2', 'A.6.1.2', 'A.6.2.8', 'A.7.6', 'A.10.4']) expect(exists('iso-42001', ref), ref).toBe(true);
  });

  it('has all 93 ISO/IEC 27001:2022 Annex A controls (37/8/14/34)', () => {
    const iso = frameworks.get('iso-27001')!;
    expect(iso.requirements).toHaveLength(93);
    const perTheme = (theme: string) => iso.requirements.filter((r) => r.ref.startsWith(`${theme}.`)).length;
    expect([perTheme('5'), perTheme('6'), perTheme('7'), perTheme('8')]).toEqual([37, 8, 14, 34]);
    expect(iso.requirements.every((r) => !r.aiSpecific)).toBe(true);
  });

  it('meets the minimum coverage of the other frameworks', () => {
    expect(count('eu-ai-act')).toBeGreaterThanOrEqual(45);
    expect(count('gdpr')).toBeGreaterThanOrEqual(25);
    expect(count('soc2')).toBe(33);
    expect(count('pci-dss')).toBeGreaterThanOrEqual(30);
    expect(count('sox-itgc')).toBeGreaterThanOrEqual(15);
    expect(count('fda-aiml-samd')).toBeGreaterThanOrEqual(15);
    for (const ref of ['Art. 5', 'Art. 9', 'Art. 10', 'Art. 14', 'Art. 50', 'Art. 53', 'Art. 55', 'Annex III', 'Annex IV']) {
      expect(exists('eu-ai-act', ref), ref).toBe(true);
    }
    for (const ref of ['Art. 5', 'Art. 22', 'Art. 25', 'Art. 32', 'Art. 35']) expect(exists('gdpr', ref), ref).toBe(true);
    for (let i = 1; i <= 12; i++) expect(exists('pci-dss', String(i)), `PCI ${i}`).toBe(true);
    for (let i = 1; i <= 10; i++) expect(exists('fda-aiml-samd', `GMLP-${i}`), `GMLP-${i}`).toBe(true);
    for (const l of 'abcdefghij') expect(exists('glba-safeguards', `314.4(${l})`) || exists('glba-safeguards', `314.4(${l})(1)`), l).toBe(true);
    for (const ref of ['164.308(a)(1)', '164.310(a)(1)', '164.312(a)(1)', '164.312(e)(1)', '164.314(a)(1)', '164.316(a)']) {
      expect(exists('hipaa-security', ref), ref).toBe(true);
    }
    for (const ref of ['1798.185(a)(15)', '1798.185(a)(16)', 'Cal. Code Regs. tit. 11 § 7150']) expect(exists('ccpa-cpra', ref), ref).toBe(true);
  });
});

describe('regulation library: the new frameworks against their official numbering', () => {
  it('has at least 30 frameworks, each with citation, source URL, licence and version', () => {
    const all = shippedLibrary().frameworks;
    expect(all.length).toBeGreaterThanOrEqual(30);
    for (const f of all) {
      expect(f.sourceUrl, f.key).toMatch(/^https:\/\//);
      expect(f.licence.length, f.key).toBeGreaterThan(10);
      expect(f.sourceRef.length, f.key).toBeGreaterThan(20);
    }
  });

  it('keeps hand-written summaries to a few sentences', () => {
    for (const fw of frameworks.values()) for (const r of fw.requirements) expect(r.summary.length, `${fw.key} ${r.ref}`).toBeLessThanOrEqual(1000);
  });

  it('NIST CSF 2.0: 6 functions, 22 categories, 106 subcategories', () => {
    const csf = frameworks.get('nist-csf-2')!;
    expect(csf.requirements).toHaveLength(106);
    expect(new Set(csf.requirements.map((r) => r.group)).size).toBe(22);
    expect(new Set(csf.requirements.map((r) => r.ref.slice(0, 2)))).toEqual(new Set(['GV', 'ID', 'PR', 'DE', 'RS', 'RC']));
    for (const r of csf.requirements) expect(r.ref).toMatch(/^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/);
    for (const ref of ['GV.OC-01', 'GV.SC-10', 'ID.AM-08', 'PR.DS-10', 'DE.AE-08', 'RC.CO-04']) expect(exists('nist-csf-2', ref), ref).toBe(true);
    // Withdrawn or moved in 2.0: ID.AM-06, PR.DS-03 to -09 and DE.CM-04/05/07/08 are not outcomes of CSF 2.0.
    for (const ref of ['ID.AM-06', 'PR.DS-03', 'DE.CM-04', 'DE.CM-07']) expect(exists('nist-csf-2', ref), ref).toBe(false);
    expect(csf.requirements.filter((r) => r.ref.startsWith('GV.')).length).toBe(31);
  });

  it('NIST AI 600-1: its 12 risks and suggested actions numbered by AI RMF subcategory', () => {
    const g = frameworks.get('nist-ai-600-1')!;
    expect(g.requirements.filter((r) => r.ref.startsWith('Risk ')).map((r) => r.ref)).toEqual(Array.from({ length: 12 }, (_, i) => `Risk 2.${i + 1}`));
    const actions = g.requirements.filter((r) => !r.ref.startsWith('Risk '));
    expect(actions.length).toBeGreaterThan(400);
    for (const a of actions) {
      expect(a.ref).toMatch(/^(GV|MP|MS|MG)-\d+\.\d+-\d{3}$/);
      expect(exists('nist-ai-rmf', a.group!), a.ref).toBe(true);
    }
    expect(exists('nist-ai-600-1', 'GV-1.1-001')).toBe(true);
  });

  it('NIST SP 800-53 Rev. 5 baselines resolve from OSCAL to the SP 800-53B counts (149, 287, 370, 96)', () => {
    const byKey = new Map(shippedLibrary().frameworks.map((f) => [f.key, f]));
    expect(['low', 'moderate', 'high', 'privacy'].map((b) => byKey.get(`nist-sp-800-53-${b}`)?.requirements.length)).toEqual([149, 287, 370, 96]);
    const high = byKey.get('nist-sp-800-53-high')!;
    const ac2 = high.requirements.find((r) => r.ref === 'AC-2')!;
    expect(ac2.title).toBe('Account Management');
    expect(ac2.statement?.items.map((i) => i.label).slice(0, 3)).toEqual(['a.', 'b.', 'c.']);
    expect(high.requirements.some((r) => r.ref === 'AC-2(12)')).toBe(true);
    expect(byKey.get('nist-sp-800-53-low')!.requirements.some((r) => r.ref === 'AC-2(1)')).toBe(false);
    expect(byKey.get('nist-sp-800-53-privacy')!.requirements.some((r) => r.ref === 'PT-2')).toBe(true);
    for (const f of [...byKey.values()].filter((f) => f.key.startsWith('nist-sp-800-53-'))) expect(f.requirements.every((r) => !/\{\{\s*insert/.test(r.summary)), f.key).toBe(true);
  });

  it('sector and state rules cite their official sections', () => {
    expect([...refsOf('hhs-1557-92-210')]).toEqual(expect.arrayContaining(['92.210(a)', '92.210(b)', '92.210(c)']));
    expect([...refsOf('onc-hti-1-dsi')].every((r) => r.startsWith('170.315(b)(11)'))).toBe(true);
    expect([...refsOf('onc-hti-1-dsi')]).toEqual(expect.arrayContaining(['170.315(b)(11)(iv)(B)', '170.315(b)(11)(vi)(A)']));
    expect([...refsOf('reg-b-1002-9')]).toEqual(expect.arrayContaining(['1002.9(a)(2)', '1002.9(b)(2)']));
    expect([...refsOf('colorado-ai-act')]).toEqual(expect.arrayContaining(['6-1-1702(1)', '6-1-1703(2)', '6-1-1703(3)', '6-1-1704']));
    expect([...refsOf('nyc-ll-144')]).toEqual(expect.arrayContaining(['20-871(a)(1)', '20-871(b)(1)', '5-301']));
    expect([...refsOf('illinois-hb-3773')]).toEqual(expect.arrayContaining(['2-102(L)(1)', '2-102(L)(2)']));
    expect([...refsOf('texas-traiga')]).toEqual(expect.arrayContaining(['552.051', '552.056', '552.105']));
    expect([...refsOf('sr-11-7')]).toEqual(expect.arrayContaining(['V.1', 'V.2', 'V.3']));
    expect([...refsOf('nis2')].filter((r) => /^Art\. 21\(2\)\([a-j]\)$/.test(r))).toHaveLength(10);
    expect([...refsOf('dora')]).toEqual(expect.arrayContaining(['Art. 5', 'Art. 17', 'Art. 19', 'Art. 28', 'Art. 30']));
    expect([...refsOf('eu-ai-act-gpai')]).toEqual(expect.arrayContaining(['Art. 53(1)(a)', 'Art. 53(1)(d)', 'Art. 55(1)(a)', 'Art. 55(1)(d)']));
    expect([...refsOf('owasp-llm-top10-2025')]).toEqual(Array.from({ length: 10 }, (_, i) => `LLM${String(i + 1).padStart(2, '0')}:2025`));
    expect([...refsOf('owasp-ml-top10')]).toEqual(Array.from({ length: 10 }, (_, i) => `ML${String(i + 1).padStart(2, '0')}:2023`));
    expect([...refsOf('oecd-ai-principles')]).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '2.4', '2.5']);
    expect([...refsOf('nist-sp-800-218a')]).toEqual(expect.arrayContaining(['PO.1', 'PS.3', 'PW.3', 'PW.9', 'RV.3']));
    expect(count('mitre-atlas')).toBe(35);
    for (const r of frameworks.get('mitre-atlas')!.requirements) expect(r.ref).toMatch(/^AML\.M\d{4}$/);
  });
});

describe('regulation library: crosswalk', () => {
  const crosswalkDir = path.join(seedDir, 'crosswalk');
  const files = fs.readdirSync(crosswalkDir).filter((f) => f.endsWith('.json')).sort();
  const entries = files.flatMap((f) => readJson(path.join(crosswalkDir, f)) as Crosswalk);
  const lib = shippedLibrary();
  const allRefs = new Map(lib.frameworks.map((f) => [f.key, new Set(f.requirements.map((r) => r.ref))]));
  const pairKey = (m: Crosswalk[number]) => [`${m.from.framework}::${m.from.ref}`, `${m.to.framework}::${m.to.ref}`].sort().join('|');

  it.each(files)('%s parses against crosswalkSchema', (file) => {
    const parsed = crosswalkSchema.safeParse(readJson(path.join(crosswalkDir, file)));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('has at least 1,000 mappings, every one resolving to a shipped requirement', () => {
    expect(entries.length).toBeGreaterThanOrEqual(1000);
    const missing = entries.flatMap((m) => [m.from, m.to]).filter((p) => !allRefs.get(p.framework)?.has(p.ref)).map((p) => `${p.framework} ${p.ref}`);
    expect(missing).toEqual([]);
  });

  it('lists no pair twice, in either direction, across all files', () => {
    const seen = new Map<string, number>();
    for (const m of entries) seen.set(pairKey(m), (seen.get(pairKey(m)) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
  });

  it('reads consistently from both sides: A subset of B is B superset of A, equivalent and intersects are symmetric', () => {
    const view = new Map<string, string>();
    for (const m of entries) {
      view.set(`${m.from.framework}::${m.from.ref}>${m.to.framework}::${m.to.ref}`, m.relationship);
      view.set(`${m.to.framework}::${m.to.ref}>${m.from.framework}::${m.from.ref}`, invertRelationship(m.relationship));
    }
    for (const [k, rel] of view) {
      const [a, b] = k.split('>');
      expect(view.get(`${b}>${a}`), k).toBe(invertRelationship(rel as Relationship));
    }
    expect(invertRelationship('SUBSET')).toBe('SUPERSET');
    expect(invertRelationship('SUPERSET')).toBe('SUBSET');
    expect(invertRelationship('EQUIVALENT')).toBe('EQUIVALENT');
    expect(invertRelationship('RELATED')).toBe('RELATED');
  });

  it('maps every framework to at least two others', () => {
    const partners = new Map<string, Set<string>>(lib.frameworks.map((f) => [f.key, new Set<string>()]));
    for (const m of entries) {
      partners.get(m.from.framework)?.add(m.to.framework);
      partners.get(m.to.framework)?.add(m.from.framework);
    }
    expect([...partners].filter(([, s]) => s.size < 2).map(([k]) => k)).toEqual([]);
  });

  it('gives every mapping a one-line rationale, and a URL in every citation', () => {
    for (const m of entries) {
      expect(m.rationale).not.toMatch(/\n/);
      if (m.citation) expect(m.citation, pairKey(m)).toMatch(/https:\/\//);
    }
    expect(entries.filter((m) => m.citation).length).toBeGreaterThan(500);
  });

  it('follows the shape of the public crosswalks: each AI 600-1 action sits under its AI RMF subcategory, baselines nest', () => {
    const g600 = entries.filter((m) => m.from.framework === 'nist-ai-600-1' && m.to.framework === 'nist-ai-rmf' && !m.from.ref.startsWith('Risk'));
    expect(g600.length).toBe(frameworks.get('nist-ai-600-1')!.requirements.length - 12);
    for (const m of g600) expect(m.relationship).toBe('SUBSET');
    const lowToModerate = entries.filter((m) => m.from.framework === 'nist-sp-800-53-low' && m.to.framework === 'nist-sp-800-53-moderate');
    expect(lowToModerate).toHaveLength(149);
    expect(lowToModerate.every((m) => m.from.ref === m.to.ref && m.relationship === 'EQUIVALENT')).toBe(true);
    const rmfIso = entries.filter((m) => m.from.framework === 'nist-ai-rmf' && m.to.framework === 'iso-42001' && m.citation?.includes('NIST AI RMF to ISO/IEC 42001'));
    expect(rmfIso.length).toBeGreaterThan(100);
  });

  it('keeps the practitioner overlaps the issue names', () => {
    const has = (a: string, ar: string, b: string, br: string) => entries.some((m) => (m.from.framework === a && m.from.ref === ar && m.to.framework === b && m.to.ref === br) || (m.from.framework === b && m.from.ref === br && m.to.framework === a && m.to.ref === ar));
    expect(has('gdpr', 'Art. 22', 'eu-ai-act', 'Art. 14')).toBe(true);
    expect(has('gdpr', 'Art. 22', 'eu-ai-act', 'Art. 86')).toBe(true);
    expect(has('gdpr', 'Art. 35', 'eu-ai-act', 'Art. 27')).toBe(true);
    expect(has('ccpa-cpra', 'Cal. Code Regs. tit. 11 § 7221', 'gdpr', 'Art. 22')).toBe(true);
    expect(has('iso-27001', '8.32', 'soc2', 'CC8.1')).toBe(true);
    expect(has('nyc-ll-144', '20-871(a)(1)', 'nist-ai-rmf', 'MEASURE 2.11')).toBe(true);
  });
});

describe('regulation library: starter controls', () => {
  const parsed = starterControlsSchema.safeParse(readJson(path.join(seedDir, 'controls.json')));

  it('parses against starterControlsSchema', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('has 10 to 12 controls, each mapped to 2-5 requirements in at least two frameworks', () => {
    const controls = parsed.data ?? [];
    expect(controls.length).toBeGreaterThanOrEqual(10);
    expect(controls.length).toBeLessThanOrEqual(12);
    for (const c of controls) {
      expect(c.mappings.length, c.key).toBeGreaterThanOrEqual(2);
      expect(c.mappings.length, c.key).toBeLessThanOrEqual(5);
      expect(new Set(c.mappings.map((m) => m.framework)).size, c.key).toBeGreaterThanOrEqual(2);
    }
  });

  it('maps only to requirements that exist', () => {
    const missing = (parsed.data ?? [])
      .flatMap((c) => c.mappings.map((m) => ({ c: c.key, ...m })))
      .filter((m) => !exists(m.framework, m.ref))
      .map((m) => `${m.c}: ${m.framework} ${m.ref}`);
    expect(missing).toEqual([]);
  });
});
