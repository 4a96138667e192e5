import { createHash, hash } from 'node:crypto';

// Merkle trees as in RFC 6962 / RFC 9162 (certificate transparency): leaves
// hashed with a 0x00 prefix, interior nodes with 0x01, the left subtree the
// largest power of two below n, the empty tree the hash of nothing. Pure, so
// the offline verifier (lib/tooling/cli/verify-decision.ts) uses it as is.

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export const EMPTY_ROOT: Buffer = sha256();

export function leafHash(data: Buffer | string): Buffer {
  // One-shot hashing of the 0x00-prefixed UTF-8 text: the same bytes, no Hash object a leaf.
  if (typeof data === 'string' && typeof hash === 'function') return hash('sha256', `\u0000${data}`, 'buffer') as Buffer;
  return sha256(LEAF, Buffer.from(data));
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(NODE, left, right);
}

/**
 * Every level of the tree, bottom-up; an odd last node is carried up
 * unpaired, which gives exactly RFC 6962's tree (left subtrees full).
 */
export function treeLevels(leaves: readonly Buffer[]): Buffer[][] {
  const levels: Buffer[][] = [leaves.slice()];
  while (levels[levels.length - 1].length > 1) {
    const below = levels[levels.length - 1];
    const up: Buffer[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) up.push(nodeHash(below[i], below[i + 1]));
    if (below.length % 2 === 1) up.push(below[below.length - 1]);
    levels.push(up);
  }
  return levels;
}

export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  const levels = treeLevels(leaves);
  return levels[levels.length - 1][0];
}

/** The audit path of leaf `index` (RFC 6962 PATH), leaf side first. */
export function inclusionPath(levels: Buffer[][], index: number): Buffer[] {
  const size = levels[0].length;
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path: Buffer[] = [];
  let i = index;
  for (let level = 0; level < levels.length - 1; level++) {
    const nodes = levels[level];
    const sibling = i ^ 1;
    if (sibling < nodes.length) path.push(nodes[sibling]);
    i >>= 1;
  }
  return path;
}

/** RFC 9162 §2.1.3.2: does `path` lead from the leaf to `root`? */
export function verifyInclusion(index: number, size: number, leaf: Buffer, path: readonly Buffer[], root: Buffer): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

const largestPowerOfTwoBelow = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

function subtreeRoot(leaves: readonly Buffer[], from: number, to: number): Buffer {
  return merkleRoot(leaves.slice(from, to));
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]): that the first m leaves are a prefix of the n. */
export function consistencyProof(leaves: readonly Buffer[], m: number): Buffer[] {
  const n = leaves.length;
  if (!Number.isInteger(m) || m < 0 || m > n) throw new RangeError(`no tree of ${m} inside one of ${n}`);
  if (m === 0 || m === n) return [];
  const proof: Buffer[] = [];
  const sub = (m: number, from: number, to: number, complete: boolean) => {
    const size = to - from;
    if (m === size) {
      if (!complete) proof.push(subtreeRoot(leaves, from, to));
      return;
    }
    const k = largestPowerOfTwoBelow(size);
    if (m <= k) {
      sub(m, from, from + k, complete);
      proof.push(subtreeRoot(leaves, from + k, to));
    } else {
      sub(m - k, from + k, to, false);
      proof.push(subtreeRoot(leaves, from, from + k));
    }
  };
  sub(m, 0, n, true);
  return proof;
}

/** RFC 9162 §2.1.4.2: the tree of size1 (root1) is a prefix of the tree of size2 (root2). */
export function verifyConsistency(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: readonly Buffer[]): boolean {
  if (!Number.isInteger(size1) || !Number.isInteger(size2) || size1 < 0 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

/** Sizes of every level of a tree of `size` leaves, bottom-up (the leaves first). */
export function levelSizes(size: number): number[] {
  const sizes = [size];
  while (sizes[sizes.length - 1] > 1) sizes.push(Math.ceil(sizes[sizes.length - 1] / 2));
  return sizes;
}

/**
 * Where the audit path of leaf `index` lies in a tree stored level by level
 * (32 bytes a node, bottom-up): the byte offset of each sibling, leaf side
 * first, and the level it is on. Gives the same nodes as inclusionPath.
 */
export function pathOffsets(size: number, index: number): { level: number; offset: number }[] {
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const sizes = levelSizes(size);
  const out: { level: number; offset: number }[] = [];
  let start = 0;
  let i = index;
  for (let level = 0; level < sizes.length - 1; level++) {
    const sibling = i ^ 1;
    if (sibling < sizes[level]) out.push({ level, offset: (start + sibling) * 32 });
    start += sizes[level];
    i >>= 1;
  }
  return out;
}

/** Every level concatenated (from `fromLevel` up), as pathOffsets reads them. */
export function packLevels(levels: Buffer[][], fromLevel = 0): Buffer {
  return Buffer.concat(levels.slice(fromLevel).flat());
}
