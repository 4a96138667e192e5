import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const { privateKey } = generateKeyPairSync('ed25519');
process.env.DATABASE_URL ??= 'postgresql://unused/x';
process.env.SIGNING_PRIVATE_KEY = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const { publicKeyPem, signBytes, verifyBytes } = await import('./keys');

describe('Ed25519 signing', () => {
  it('signs and verifies, and rejects altered data or another key', () => {
    const sig = signBytes('manifest');
    expect(verifyBytes('manifest', sig)).toBe(true);
    expect(verifyBytes('manifest!', sig)).toBe(false);
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyBytes('manifest', sig, other)).toBe(false);
    expect(publicKeyPem()).toMatch(/BEGIN PUBLIC KEY/);
  });
});
