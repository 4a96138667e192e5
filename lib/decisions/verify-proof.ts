import { createPublicKey, verify } from 'node:crypto';
import { batchLeafHash, checkpointStatement, decisionLeafHash, PROOF_FORMAT, type BatchHeader, type CanonicalDecision } from './canonical';
import { verifyInclusion } from './merkle';

// Offline verification of a decision proof (no database, no portal code
// beyond the pure hashing): used by `npm run verify-decision` and tests.

type ProofLike = {
  format?: unknown;
  decision: CanonicalDecision;
  leafIndex: number;
  batch: BatchHeader;
  batchPath: string[];
  log: { index: number; treeSize: number; path: string[] } | null;
  checkpoint: { orgId: string; treeSize: number; decisionCount: number; rootHash: string; issuedAt: string; statement: string; signature: string } | null;
};

export type ProofCheck = { ok: boolean; problems: string[] };

const buf = (h: string) => Buffer.from(h, 'hex');

export function verifyDecisionProof(proof: ProofLike, publicKeyPem: string): ProofCheck {
  const problems: string[] = [];
  try {
    if (proof.format !== PROOF_FORMAT) problems.push(`not a ${PROOF_FORMAT} document`);
    const leaf = decisionLeafHash(proof.decision);
    if (proof.decision.systemId !== proof.batch.systemId) problems.push('the decision and its batch name different systems');
    if (!verifyInclusion(proof.leafIndex, proof.batch.size, leaf, proof.batchPath.map(buf), buf(proof.batch.rootHash))) {
      problems.push('the decision record does not hash to its batch root along the given path (the record or the path was changed)');
    }
    if (!proof.checkpoint || !proof.log) {
      problems.push('no signed checkpoint covers this batch yet');
    } else {
      const c = proof.checkpoint;
      if (proof.log.index !== proof.batch.seq || proof.log.treeSize !== c.treeSize) problems.push('the log position does not match the batch and checkpoint');
      if (!verifyInclusion(proof.log.index, c.treeSize, batchLeafHash(proof.batch), proof.log.path.map(buf), buf(c.rootHash))) {
        problems.push('the batch is not in the checkpoint tree along the given path');
      }
      const statement = checkpointStatement(c);
      if (statement !== c.statement) problems.push('the checkpoint statement does not match its fields');
      if (c.orgId !== proof.decision.orgId) problems.push('the checkpoint belongs to another organisation');
      let signed = false;
      try {
        signed = verify(null, Buffer.from(statement), createPublicKey(publicKeyPem), Buffer.from(c.signature, 'base64'));
      } catch {
        signed = false;
      }
      if (!signed) problems.push('the checkpoint signature does not verify with the given public key');
    }
  } catch (error) {
    problems.push(`the proof is malformed: ${(error as Error).message}`);
  }
  return { ok: problems.length === 0, problems };
}

type CheckpointObjectLike = { format?: unknown; orgId: string; treeSize: number; decisionCount: number; rootHash: string; issuedAt: string; statement: string; signature: string; publicKey?: string };

/**
 * A checkpoint object as the push wrote it to a bucket (agp-decision-checkpoint/1):
 * its statement matches its fields and its signature verifies with the given
 * key (the portal's, fetched on its own; never the key the object carries).
 */
export function verifyCheckpointObject(object: CheckpointObjectLike, publicKeyPem: string): ProofCheck {
  const problems: string[] = [];
  try {
    if (object.format !== 'agp-decision-checkpoint/1') problems.push('not an agp-decision-checkpoint/1 object');
    const statement = checkpointStatement(object);
    if (statement !== object.statement) problems.push('the checkpoint statement does not match its fields');
    let signed = false;
    try {
      signed = verify(null, Buffer.from(object.statement), createPublicKey(publicKeyPem), Buffer.from(object.signature, 'base64'));
    } catch {
      signed = false;
    }
    if (!signed) problems.push('the checkpoint signature does not verify with the given public key');
  } catch (error) {
    problems.push(`the checkpoint object is malformed: ${(error as Error).message}`);
  }
  return { ok: problems.length === 0, problems };
}
