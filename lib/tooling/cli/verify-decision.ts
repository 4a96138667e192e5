// Verifies a decision's inclusion proof offline: the record's canonical hash,
// its Merkle path to the batch root, the batch's path to the checkpoint root,
// and the checkpoint's Ed25519 signature with the portal's public key. With
// --checkpoint, also a checkpoint object fetched from the push bucket: its
// signature, and (with a proof) that the proof's checkpoint is that one.
//   npm run verify-decision -- <proof.json> --key <public-key.pem> [--checkpoint <object.json>]
//   npm run verify-decision -- --checkpoint <object.json> --key <public-key.pem>
// Exit code 0 when everything holds, 1 when not, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { verifyCheckpointObject, verifyDecisionProof } from '@/lib/decisions/verify-proof';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run verify-decision -- <proof.json> --key <public-key.pem> [--checkpoint <object.json>]');
  console.error('       npm run verify-decision -- --checkpoint <object.json> --key <public-key.pem>');
  process.exit(2);
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? { at, value: args[at + 1] } : null;
};
const key = option('--key');
const checkpointArg = option('--checkpoint');
if (!key?.value) usage('Give the portal public key with --key (GET /api/v1/signing-key serves it).');
if (checkpointArg && !checkpointArg.value) usage('Give the checkpoint object after --checkpoint.');
const file = args.find((a, i) => !a.startsWith('--') && i !== key.at + 1 && i !== (checkpointArg?.at ?? -2) + 1);
if (!file && !checkpointArg) usage();

async function readJson<T>(path: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    usage(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

const pem = await readFile(key.value, 'utf8').catch((e: Error) => usage(`Cannot read ${key.value}: ${e.message}`));
const problems: string[] = [];
let proof: Parameters<typeof verifyDecisionProof>[0] | null = null;
if (file) {
  proof = await readJson<Parameters<typeof verifyDecisionProof>[0]>(file);
  console.log(`decision:   ${proof.decision?.ref} (${proof.decision?.id}) at ${proof.decision?.decidedAt}`);
  console.log(`batch:      #${proof.batch?.seq} of ${proof.batch?.size} decisions, root ${proof.batch?.rootHash}`);
  if (proof.checkpoint) console.log(`checkpoint: ${proof.checkpoint.treeSize} batches, ${proof.checkpoint.decisionCount} decisions, issued ${proof.checkpoint.issuedAt}`);
  problems.push(...verifyDecisionProof(proof, pem).problems);
}
if (checkpointArg) {
  const object = await readJson<Parameters<typeof verifyCheckpointObject>[0]>(checkpointArg.value);
  console.log(`pushed:     ${object.treeSize} batches, ${object.decisionCount} decisions, root ${object.rootHash}, issued ${object.issuedAt}`);
  problems.push(...verifyCheckpointObject(object, pem).problems.map((p) => `pushed checkpoint: ${p}`));
  if (proof?.checkpoint && proof.checkpoint.statement !== object.statement) problems.push("the proof's checkpoint is not the pushed checkpoint (a different statement)");
}
if (!problems.length) {
  console.log(
    file
      ? `OK: the record is in its batch, the batch in the signed checkpoint, and the signature is valid${checkpointArg ? '; the checkpoint is the one pushed' : ''}.`
      : 'OK: the pushed checkpoint is signed by the given key and its statement matches its fields.',
  );
  process.exit(0);
}
console.error('FAILED:');
for (const p of problems) console.error(`  - ${p}`);
process.exit(1);
