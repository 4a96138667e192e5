import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAtlas } from './atlas';

const dir = path.join(process.cwd(), 'prisma', 'seed-data', 'atlas');

describe('shipped MITRE ATLAS', () => {
  const lib = parseAtlas(readFileSync(path.join(dir, 'ATLAS.yaml'), 'utf8'));

  it('reads release 5.6.0 with its tactics, techniques, sub-techniques and mitigations', () => {
    expect(lib.version).toBe('5.6.0');
    expect(lib.tactics).toHaveLength(16);
    expect(lib.techniques.size).toBe(170);
    expect(lib.mitigations.size).toBe(35);
    expect(lib.tactics.map((t) => t.id)).toContain('AML.TA0002');
  });

  it('gives sub-techniques their parent’s tactics and links mitigations to techniques', () => {
    const sub = [...lib.techniques.values()].find((t) => t.parentId === 'AML.T0000')!;
    expect(sub.tacticIds).toEqual(lib.techniques.get('AML.T0000')!.tacticIds);
    expect([...lib.techniques.values()].every((t) => t.tacticIds.length > 0)).toBe(true);
    expect(lib.mitigations.get('AML.M0000')!.techniqueIds).toContain('AML.T0000');
  });

  it('ships with its licence and notice', () => {
    expect(readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toContain('Apache License, Version 2.0');
    expect(readFileSync(path.join(dir, 'NOTICE.md'), 'utf8')).toContain('5.6.0');
  });
});
