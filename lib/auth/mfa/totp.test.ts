import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery';
import { openSecret, sealSecret, totpCode, totpUri, verifyTotpCode } from './totp';

// RFC 6238 appendix B: the seeds are the ASCII strings below (20, 32 and 64
// bytes), written here in Base32 as authenticator apps take them.
const b32 = (ascii: string) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of Buffer.from(ascii, 'ascii')) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
};
const SEED = {
  sha1: b32('12345678901234567890'),
  sha256: b32('12345678901234567890123456789012'),
  sha512: b32('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at T=%i gives the published codes for SHA-1, SHA-256 and SHA-512', (t, sha1, sha256, sha512) => {
    expect(totpCode(SEED.sha1, t, { digits: 8, algorithm: 'sha1' })).toBe(sha1);
    expect(totpCode(SEED.sha256, t, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totpCode(SEED.sha512, t, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });

  it('accepts the current code and one step of drift, refuses older ones and replays', () => {
    const now = 1_800_000_000;
    const step = Math.floor(now / 30);
    expect(verifyTotpCode(SEED.sha1, totpCode(SEED.sha1, now), { epochSeconds: now })).toBe(step);
    expect(verifyTotpCode(SEED.sha1, totpCode(SEED.sha1, now - 30), { epochSeconds: now })).toBe(step - 1);
    expect(verifyTotpCode(SEED.sha1, totpCode(SEED.sha1, now - 90), { epochSeconds: now })).toBeNull();
    expect(verifyTotpCode(SEED.sha1, totpCode(SEED.sha1, now), { epochSeconds: now, afterTimeStep: step })).toBeNull();
    expect(verifyTotpCode(SEED.sha1, 'abcdef', { epochSeconds: now })).toBeNull();
  });

  it('builds an otpauth URI and keeps the secret sealed', () => {
    expect(totpUri(SEED.sha1, 'a@example.com')).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const sealed = sealSecret(SEED.sha1, 'x'.repeat(32));
    expect(sealed).not.toContain(SEED.sha1);
    expect(openSecret(sealed, 'x'.repeat(32))).toBe(SEED.sha1);
    expect(() => openSecret(sealed, 'y'.repeat(32))).toThrow();
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes, hashed without their formatting', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes.every(looksLikeRecoveryCode)).toBe(true);
    expect(hashRecoveryCode(codes[0].toUpperCase().replace('-', ' '))).toBe(hashRecoveryCode(codes[0]));
    expect(normaliseRecoveryCode(' AB-CD ')).toBe('abcd');
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });
});
