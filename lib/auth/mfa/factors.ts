import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Role } from '@/lib/auth/permissions';
import type { MfaPolicy } from './schema';

/** Whether a user has a second factor to ask for at sign-in. */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const [totp, passkeys] = await Promise.all([
    db.mfaTotp.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db.passkey.count({ where: { userId } }),
  ]);
  return Boolean(totp?.confirmedAt) || passkeys > 0;
}

/** At sign-in: the grace period of a required user without a factor starts now (once). */
export async function markMfaRequirement(tx: Tx, user: { id: string; role: Role }, policy: MfaPolicy): Promise<void> {
  if (!policy.requiredRoles.includes(user.role)) return;
  await tx.user.updateMany({ where: { id: user.id, mfaRequiredSince: null }, data: { mfaRequiredSince: new Date() } });
}

/** OIDC `amr` values (RFC 8176) and `acr` values that say the IdP used more than a password. */
const MFA_AMR = new Set(['mfa', 'otp', 'hwk', 'swk', 'sc', 'fido', 'face', 'fpt', 'iris', 'retina', 'vbm']);
export function idpReportsMfa(claims: { amr?: unknown; acr?: unknown } | null | undefined): boolean {
  if (!claims) return false;
  const amr = Array.isArray(claims.amr) ? claims.amr : typeof claims.amr === 'string' ? [claims.amr] : [];
  if (amr.some((v) => typeof v === 'string' && MFA_AMR.has(v.toLowerCase()))) return true;
  const acr = typeof claims.acr === 'string' ? claims.acr.toLowerCase() : '';
  return /mfa|multifactor|aal2|aal3|phr|phrh/.test(acr);
}
