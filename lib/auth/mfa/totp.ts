import { openSecret as openWith, sealSecret as sealWith } from '@/lib/secrets';
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
// deployment's NEXTAUTH_SECRET (lib/secrets.ts), so a database dump alone yields no codes.
export const sealSecret = (plain: string, appSecret: string) => sealWith(plain, appSecret, 'mfa-totp-secret');
export const openSecret = (sealed: string, appSecret: string) => openWith(sealed, appSecret, 'mfa-totp-secret');
