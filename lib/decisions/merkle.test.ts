import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consistencyProof, EMPTY_ROOT, inclusionPath, leafHash, merkleRoot, treeLevels, verifyConsistency, verifyInclusion } from './merkle';

// Hand-computed trees, written out node by node with Node's own sha256 so
// the expected values do not come from the code under test.
const H = (...parts: (Buffer | number[])[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(Buffer.isBuffer(p) ? p : Buffer.from(p));
  return h.digest();
};
const L = (s: string) => H([0], Buffer.from(s));
const N = (a: Buffer, b: Buffer) => H([1], a, b);
const data = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const leaves = (n: number) => data.slice(0, n).map((s) => leafHash(s));
const [a, b, c, d, e, f, g] = data.map(L);

const handRoots: Record<number, Buffer> = {
  0: EMPTY_ROOT,
  1: a,
  2: N(a, b),
  3: N(N(a, b), c),
  4: N(N(a, b), N(c, d)),
  5: N(N(N(a, b), N(c, d)), e),
  6: N(N(N(a, b), N(c, d)), N(e, f)),
  7: N(N(N(a, b), N(c, d)), N(N(e, f), g)),
};

describe('Merkle trees (RFC 6962)', () => {
  it('hashes the empty tree as sha256 of nothing', () => {
    expect(merkleRoot([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(EMPTY_ROOT.equals(H())).toBe(true);
  });

  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    expect(leafHash('a').equals(H([0], Buffer.from('a')))).toBe(true);
    expect(leafHash('a').equals(H(Buffer.from('a')))).toBe(false);
    // Text is hashed as its UTF-8 bytes, however it is hashed (one-shot for strings).
    for (const text of ['', 'é€😀', '\u0000x', 'lone \ud800 surrogate', '{"a":1}']) {
      expect(leafHash(text).equals(H([0], Buffer.from(text)))).toBe(true);
      expect(leafHash(text).equals(leafHash(Buffer.from(text)))).toBe(true);
    }
  });

  it('matches the hand-computed roots for one to seven leaves', () => {
    for (let n = 1; n <= 7; n++) expect(merkleRoot(leaves(n)).toString('hex'), `size ${n}`).toBe(handRoots[n].toString('hex'));
  });

  it('gives the hand-computed audit paths', () => {
    const levels = treeLevels(leaves(7));
    expect(inclusionPath(levels, 0)).toEqual([b, N(c, d), N(N(e, f), g)]);
    expect(inclusionPath(levels, 6)).toEqual([N(e, f), N(N(a, b), N(c, d))]);
    expect(inclusionPath(levels, 4)).toEqual([f, g, N(N(a, b), N(c, d))]);
    expect(inclusionPath(treeLevels(leaves(1)), 0)).toEqual([]);
    expect(inclusionPath(treeLevels(leaves(3)), 2)).toEqual([N(a, b)]);
    expect(() => inclusionPath(levels, 7)).toThrow(RangeError);
  });

  it('verifies every leaf of every size and refuses a wrong leaf, index, size or path', () => {
    for (let n = 1; n <= 7; n++) {
      const levels = treeLevels(leaves(n));
      for (let i = 0; i < n; i++) {
        const path = inclusionPath(levels, i);
        expect(verifyInclusion(i, n, leaves(n)[i], path, handRoots[n]), `${i} of ${n}`).toBe(true);
        expect(verifyInclusion(i, n, leafHash('z'), path, handRoots[n])).toBe(false);
        if (n > 1) expect(verifyInclusion((i + 1) % n, n, leaves(n)[i], path, handRoots[n])).toBe(false);
        if (n < 7) expect(verifyInclusion(i, n + 1, leaves(n)[i], path, handRoots[n + 1])).toBe(false);
        if (path.length) expect(verifyInclusion(i, n, leaves(n)[i], path.slice(1), handRoots[n])).toBe(false);
      }
    }
    expect(verifyInclusion(0, 0, a, [], EMPTY_ROOT)).toBe(false);
  });

  it('gives the hand-computed consistency proofs (RFC 6962 §2.1.3 examples)', () => {
    const all = leaves(7);
    // The RFC's tree of 7: PROOF(3) = [c, d, g, h, i, j] mapped to our letters.
    expect(consistencyProof(all, 3)).toEqual([c, d, N(a, b), N(N(e, f), g)]);
    expect(consistencyProof(all, 4)).toEqual([N(N(e, f), g)]);
    expect(consistencyProof(all, 6)).toEqual([N(e, f), g, N(N(a, b), N(c, d))]);
    expect(consistencyProof(all, 7)).toEqual([]);
    expect(consistencyProof(all, 0)).toEqual([]);
  });

  it('verifies consistency between every pair of sizes and refuses a rewritten history', () => {
    const all = leaves(7);
    for (let m = 0; m <= 7; m++) {
      for (let n = m; n <= 7; n++) {
        const proof = consistencyProof(all.slice(0, n), m);
        const r1 = m === 0 ? EMPTY_ROOT : handRoots[m];
        expect(verifyConsistency(m, n, r1, handRoots[n], proof), `${m} → ${n}`).toBe(true);
        if (m > 0 && m < n) {
          // A first tree whose last leaf was rewritten.
          const forged = merkleRoot([...all.slice(0, m - 1), leafHash('x')]);
          expect(verifyConsistency(m, n, forged, handRoots[n], proof), `forged ${m} → ${n}`).toBe(false);
          expect(verifyConsistency(m, n, r1, handRoots[n], proof.slice(0, -1))).toBe(false);
        }
      }
    }
    expect(verifyConsistency(5, 3, handRoots[5], handRoots[3], [])).toBe(false);
  });
});

describe('stored levels', () => {
  it('give the audit path by offset for every leaf of odd and even trees', async () => {
    const { levelSizes, pathOffsets, packLevels } = await import('./merkle');
    for (const n of [1, 2, 3, 5, 8, 13]) {
      const leaves = Array.from({ length: n }, (_, i) => leafHash(`leaf ${i}`));
      const levels = treeLevels(leaves);
      const packed = packLevels(levels);
      expect(levelSizes(n)).toEqual(levels.map((l) => l.length));
      for (let i = 0; i < n; i++) {
        const path = pathOffsets(n, i).map((p) => packed.subarray(p.offset, p.offset + 32));
        expect(path).toEqual(inclusionPath(levels, i));
      }
    }
  });
});

