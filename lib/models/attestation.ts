import 'server-only';
import { canonicalJson, sha256Hex } from '@/lib/audit/canonical';
import { publicKeyPem, signBytes, verifyBytes } from '@/lib/signing/keys';
import type { ModelCard } from './schema';

export const MANIFEST_TYPE = 'ai-governance-portal/model-attestation/v1';

export type ManifestInput = {
  model: { id: string; key: string; name: string; system: string };
  version: { id: string; label: string };
  artifact: { uri: string | null; sha256: string | null; size: string | null };
  modelCard: ModelCard;
  approvals: { role: string; userId: string; name: string; at: string }[];
};

export function modelCardHash(card: ModelCard): string {
  return sha256Hex(canonicalJson(card));
}

/** What is signed: the facts deploy tooling checks, never the whole card text. */
export function buildManifest(input: ManifestInput, signedAt: string) {
  return {
    type: MANIFEST_TYPE,
    model: input.model,
    version: input.version,
    artifact: input.artifact,
    modelCardSha256: modelCardHash(input.modelCard),
    approvals: [...input.approvals].sort((a, b) => a.role.localeCompare(b.role)),
    signedAt,
  };
}

export function signManifest(manifest: ReturnType<typeof buildManifest>) {
  const text = canonicalJson(manifest);
  return { manifest: text, signature: signBytes(text), publicKey: publicKeyPem() };
}

/** Does the stored signature verify, and does the manifest still describe the version as it is now? */
export function checkAttestation(stored: { manifest: string; signature: string; publicKey: string }, current: ManifestInput) {
  let verified = verifyBytes(stored.manifest, stored.signature, stored.publicKey);
  // The signature must also verify under the deployment's key, not only the one stored beside it.
  try {
    if (verified && stored.publicKey.trim() !== publicKeyPem().trim()) verified = verifyBytes(stored.manifest, stored.signature);
  } catch {
    verified = false;
  }
  let matches = false;
  try {
    const m = JSON.parse(stored.manifest) as ReturnType<typeof buildManifest>;
    const expected = buildManifest(current, m.signedAt);
    matches = canonicalJson(expected) === stored.manifest;
  } catch {
    matches = false;
  }
  return { verified, matches };
}
