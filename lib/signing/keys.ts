import 'server-only';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

// One Ed25519 key signs model attestations and evidence-pack manifests. It
// comes from SIGNING_PRIVATE_KEY (PKCS#8 PEM); the demo launcher generates
// one into .data/ on first start. The private key never leaves this module.

let cached: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

function keys() {
  if (cached) return cached;
  const pem = env().SIGNING_PRIVATE_KEY?.replace(/\\n/g, '\n');
  if (!pem) throw new AppError('UNAVAILABLE', 'Signing is not configured: set SIGNING_PRIVATE_KEY (an Ed25519 private key in PKCS#8 PEM).');
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new AppError('UNAVAILABLE', 'SIGNING_PRIVATE_KEY must be an Ed25519 key.');
  cached = { privateKey, publicKey: createPublicKey(privateKey) };
  return cached;
}

/** The public key as SPKI PEM, for anyone verifying offline. */
export function publicKeyPem(): string {
  return keys().publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** Ed25519 signature over the bytes, base64. */
export function signBytes(data: Buffer | string): string {
  return sign(null, Buffer.from(data), keys().privateKey).toString('base64');
}

export function verifyBytes(data: Buffer | string, signatureB64: string, publicPem = publicKeyPem()): boolean {
  try {
    return verify(null, Buffer.from(data), createPublicKey(publicPem), Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}
