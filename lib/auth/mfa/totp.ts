import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

// RFC 6238 with the parameters every authenticator app understands: SHA-1,
// 6 digits, 30-second steps. One step of drift either way is accepted.
export const TOTP_PERIOD_SECONDS = 30;
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, account: string, issuer = 'AI Governance Portal'): string {
  return generateURI({ issuer, label: account, secret });
}

/** The code for `epochSeconds` (tests and the benchmark). */
export function totpCode(secret: string, epochSeconds = Math.floor(Date.now() / 1000), opts: { digits?: 6 | 8; algorithm?: 'sha1' | 'sha256' | 'sha512' } = {}): string {
  return generateSync({ secret, epoch: epochSeconds, period: TOTP_PERIOD_SECONDS, digits: opts.digits ?? 6, algorithm: opts.algorithm ?? 'sha1' });
}

/**
 * Checks a code; returns the RFC 6238 time step it matched, or null. A code
 * whose step is not after `afterTimeStep` (the last one accepted) is refused,
 * so a code seen over a shoulder cannot be replayed within its 30 seconds.
 */
export function verifyTotpCode(secret: string, code: string, opts: { afterTimeStep?: number | null; epochSeconds?: number } = {}): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = verifySync({
      secret,
      token,
      epoch: opts.epochSeconds ?? Math.floor(Date.now() / 1000),
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: TOLERANCE_SECONDS,
      ...(opts.afterTimeStep != null ? { afterTimeStep: opts.afterTimeStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

// The secret is kept encrypted (AES-256-GCM) under a key derived from the
// deployment's NEXTAUTH_SECRET, so a database dump alone yields no codes.
function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'ai-governance-portal', 'mfa-totp-secret', 32));
}

export function sealSecret(plain: string, appSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(appSecret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function openSecret(sealed: string, appSecret: string): string {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !body) throw new Error('Unknown TOTP secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(appSecret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
