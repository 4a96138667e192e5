import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AREAS,
  crosswalkSchema,
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

describe('regulation library: crosswalk', () => {
  const parsed = crosswalkSchema.safeParse(readJson(path.join(seedDir, 'crosswalk.json')));

  it('parses against crosswalkSchema', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('points only at requirements that exist', () => {
    const missing = (parsed.data ?? [])
      .flatMap((m) => [m.from, m.to])
      .filter((p) => !exists(p.framework, p.ref))
      .map((p) => `${p.framework} ${p.ref}`);
    expect(missing).toEqual([]);
  });

  it('has at least 40 mappings across NIST AI RMF, ISO/IEC 42001 and the EU AI Act, all pairs covered', () => {
    const core = new Set(['nist-ai-rmf', 'iso-42001', 'eu-ai-act']);
    const entries = (parsed.data ?? []).filter((m) => core.has(m.from.framework) && core.has(m.to.framework));
    expect(entries.length).toBeGreaterThanOrEqual(40);
    const pairs = new Set(entries.map((m) => [m.from.framework, m.to.framework].sort().join('|')));
    expect([...pairs].sort()).toEqual(['eu-ai-act|iso-42001', 'eu-ai-act|nist-ai-rmf', 'iso-42001|nist-ai-rmf']);
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
