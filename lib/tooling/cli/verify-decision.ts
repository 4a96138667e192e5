// Verifies a decision's inclusion proof offline: the record's canonical hash,
// its Merkle path to the batch root, the batch's path to the checkpoint root,
// and the checkpoint's Ed25519 signature with the portal's public key.
//   npm run verify-decision -- <proof.json> --key <public-key.pem>
// Exit code 0 when the proof holds, 1 when it does not, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { verifyDecisionProof } from '@/lib/decisions/verify-proof';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run verify-decision -- <proof.json> --key <public-key.pem>');
  process.exit(2);
}

const args = process.argv.slice(2);
const keyAt = args.indexOf('--key');
const keyFile = keyAt >= 0 ? args[keyAt + 1] : undefined;
if (!keyFile) usage('Give the portal public key with --key (GET /api/v1/signing-key serves it).');
const file = args.find((a, i) => !a.startsWith('--') && i !== keyAt + 1);
if (!file) usage();

let proof: Parameters<typeof verifyDecisionProof>[0];
try {
  proof = JSON.parse(await readFile(file, 'utf8'));
} catch (error) {
  usage(`Cannot read ${file}: ${(error as Error).message}`);
}
const pem = await readFile(keyFile, 'utf8').catch((e: Error) => usage(`Cannot read ${keyFile}: ${e.message}`));
const verdict = verifyDecisionProof(proof, pem);
console.log(`decision:   ${proof.decision?.ref} (${proof.decision?.id}) at ${proof.decision?.decidedAt}`);
console.log(`batch:      #${proof.batch?.seq} of ${proof.batch?.size} decisions, root ${proof.batch?.rootHash}`);
if (proof.checkpoint) console.log(`checkpoint: ${proof.checkpoint.treeSize} batches, ${proof.checkpoint.decisionCount} decisions, issued ${proof.checkpoint.issuedAt}`);
if (verdict.ok) {
  console.log('OK: the record is in its batch, the batch in the signed checkpoint, and the signature is valid.');
  process.exit(0);
}
console.error('FAILED:');
for (const p of verdict.problems) console.error(`  - ${p}`);
process.exit(1);
