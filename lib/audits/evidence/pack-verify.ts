import { createHash, createPublicKey, verify } from 'node:crypto';
import { readZip } from './zip-read';

// Offline verification of an evidence pack: the Ed25519 signature over
// manifest.json, then every listed file's size and SHA-256, and no file
// in the archive that the manifest does not list.

export type PackManifest = {
  format: string;
  audit: { id: string; title: string };
  generatedAt: string;
  files: { path: string; sha256: string; size: number }[];
};

export type PackVerdict = { ok: boolean; problems: string[]; checked: number; manifest?: PackManifest };

export function verifyPack(zip: Buffer, publicKeyPem: string): PackVerdict {
  const problems: string[] = [];
  const entries = new Map(readZip(zip).map((e) => [e.name, e.data]));
  const manifestBytes = entries.get('manifest.json');
  const sig = entries.get('manifest.sig');
  if (!manifestBytes || !sig) return { ok: false, problems: ['manifest.json or manifest.sig is missing'], checked: 0 };
  let signed = false;
  try {
    signed = verify(null, manifestBytes, createPublicKey(publicKeyPem), Buffer.from(sig.toString('utf8').trim(), 'base64'));
  } catch (error) {
    problems.push(`the public key could not be used: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!signed) problems.push('the signature over manifest.json does not verify with this public key');
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as PackManifest;
  } catch {
    return { ok: false, problems: [...problems, 'manifest.json is not valid JSON'], checked: 0 };
  }
  const listed = new Set<string>(['manifest.json', 'manifest.sig']);
  for (const f of manifest.files) {
    listed.add(f.path);
    const data = entries.get(f.path);
    if (!data) {
      problems.push(`${f.path}: listed in the manifest but missing from the pack`);
      continue;
    }
    if (data.length !== f.size) problems.push(`${f.path}: size ${data.length} differs from the manifest's ${f.size}`);
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== f.sha256) problems.push(`${f.path}: SHA-256 ${actual} differs from the manifest's ${f.sha256}`);
  }
  for (const name of entries.keys()) if (!listed.has(name)) problems.push(`${name}: in the pack but not in the manifest`);
  return { ok: problems.length === 0, problems, checked: manifest.files.length, manifest };
}
