// Verifies an evidence pack offline: the Ed25519 signature over manifest.json
// with the portal's public key, and every file's size and SHA-256.
//   npm run verify-pack -- <pack.zip> --key <public-key.pem>
//   npm run verify-pack -- <pack.zip> --key-url https://portal.example.com/api/v1/signing-key
// Exit code 0 when the pack is intact, 1 when it is not, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { verifyPack } from '@/lib/audits/evidence/pack-verify';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run verify-pack -- <pack.zip> (--key <public-key.pem> | --key-url <url of /api/v1/signing-key>)');
  process.exit(2);
}

async function publicKey(args: string[]): Promise<string> {
  const file = args[args.indexOf('--key') + 1];
  if (args.includes('--key')) return readFile(file ?? usage('--key needs a file'), 'utf8');
  const url = args[args.indexOf('--key-url') + 1];
  if (!args.includes('--key-url') || !url) usage('Give the public key with --key or --key-url.');
  const res = await fetch(url);
  if (!res.ok) usage(`Could not fetch the public key from ${url}: ${res.status}`);
  const text = await res.text();
  // The portal serves JSON ({ publicKey: PEM, ... }); a plain PEM also works.
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const pem = Object.values(body).find((v): v is string => typeof v === 'string' && v.includes('BEGIN PUBLIC KEY'));
    if (pem) return pem;
  } catch {
    /* not JSON: treat as PEM */
  }
  return text;
}

const args = process.argv.slice(2);
const pack = args.find((a, i) => !a.startsWith('--') && !['--key', '--key-url'].includes(args[i - 1] ?? ''));
if (!pack) usage();
const verdict = verifyPack(await readFile(pack), await publicKey(args));
if (verdict.manifest) {
  console.log(`pack:      ${pack}`);
  console.log(`audit:     ${verdict.manifest.audit.title} (${verdict.manifest.audit.id})`);
  console.log(`generated: ${verdict.manifest.generatedAt}`);
  console.log(`files:     ${verdict.checked} listed in the manifest`);
}
if (verdict.ok) {
  console.log('OK: the signature is valid and every file matches its SHA-256.');
  process.exit(0);
}
console.error('FAILED:');
for (const p of verdict.problems) console.error(`  - ${p}`);
process.exit(1);
