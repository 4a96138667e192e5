import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSecret, env } from '@/lib/env';

// Personal input features are encrypted per data subject (AES-256-GCM under
// a random data key); the data key is stored wrapped by the portal key.
// Destroying the wrapped key (eraseSubject) makes the ciphertext, which the
// Merkle hashes cover, unreadable for good while every proof still verifies.

let portal: Buffer | undefined;

function portalKey(): Buffer {
  if (portal) return portal;
  const configured = env().DATA_ENCRYPTION_KEY;
  portal = configured
    ? Buffer.from(configured, 'base64')
    : Buffer.from(hkdfSync('sha256', authSecret(), 'ai-governance-portal', 'decision-subject-keys', 32));
  return portal;
}

function seal(key: Buffer, plain: Buffer, aad: string, iv: Buffer = randomBytes(12)): string {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

const wrapAad = (orgId: string, subjectRef: string) => `decision-subject\u0000${orgId}\u0000${subjectRef}`;

/** A fresh data key for a subject and its wrapped form for the database. */
export function newSubjectKey(orgId: string, subjectRef: string): { key: Buffer; wrapped: string } {
  const key = randomBytes(32);
  return { key, wrapped: seal(portalKey(), key, wrapAad(orgId, subjectRef)) };
}

export function unwrapSubjectKey(orgId: string, subjectRef: string, wrapped: string): Buffer {
  return open(portalKey(), wrapped, wrapAad(orgId, subjectRef));
}

/**
 * The features as ciphertext bound to the decision (a copy moved to another
 * decision does not open). `iv`: 12 fresh random bytes, for callers that draw
 * a whole batch's at once.
 */
export function encryptFeatures(key: Buffer, decisionId: string, features: Record<string, unknown>, iv?: Buffer): string {
  if (iv && iv.length !== 12) throw new RangeError('an AES-GCM nonce is 12 bytes');
  return seal(key, Buffer.from(JSON.stringify(features)), `decision\u0000${decisionId}`, iv);
}

export function decryptFeatures(key: Buffer, decisionId: string, sealed: string): Record<string, unknown> {
  return JSON.parse(open(key, sealed, `decision\u0000${decisionId}`).toString('utf8')) as Record<string, unknown>;
}
