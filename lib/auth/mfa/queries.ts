import 'server-only';
import QRCode from 'qrcode';
import type { Actor } from '@/lib/auth/actor';
import { authorizeSelf } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { authSecret } from '@/lib/env';
import { readMfaPolicy } from './policy';
import { mfaStanding } from './standing';
import { openSecret, totpUri } from './totp';

/** The account security page: the caller's own factors and what the policy asks of them. */
export async function getMySecurity(actor: Actor) {
  const me = authorizeSelf(actor);
  const [user, policy] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: me.userId },
      select: {
        email: true,
        role: true,
        mfaRequiredSince: true,
        mfaTotp: { select: { secretEnc: true, confirmedAt: true, lastUsedAt: true } },
        passkeys: { select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: 'asc' } },
        _count: { select: { mfaRecoveryCodes: { where: { usedAt: null } } } },
      },
    }),
    readMfaPolicy(me.orgId),
  ]);
  const totpActive = Boolean(user.mfaTotp?.confirmedAt);
  const enrolled = totpActive || user.passkeys.length > 0;
  let setup: { secret: string; uri: string; qrDataUrl: string } | null = null;
  if (user.mfaTotp && !totpActive) {
    const secret = openSecret(user.mfaTotp.secretEnc, authSecret());
    const uri = totpUri(secret, user.email);
    setup = { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
  }
  const standing = mfaStanding({ role: user.role, enrolled, mfaRequiredSince: user.mfaRequiredSince }, policy);
  return {
    totp: {
      status: totpActive ? ('active' as const) : setup ? ('pending' as const) : ('none' as const),
      confirmedAt: user.mfaTotp?.confirmedAt?.toISOString() ?? null,
      lastUsedAt: user.mfaTotp?.lastUsedAt?.toISOString() ?? null,
      setup,
    },
    passkeys: user.passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null })),
    recoveryCodesLeft: user._count.mfaRecoveryCodes,
    enrolled,
    standing: { required: standing.required, inGrace: standing.inGrace, graceEndsAt: standing.graceEndsAt?.toISOString() ?? null, mustEnrol: standing.mustEnrol },
    freshFactor: Boolean(actor.auth?.factorAt && Date.now() - actor.auth.factorAt.getTime() < 10 * 60_000),
  };
}
export type MySecurity = Awaited<ReturnType<typeof getMySecurity>>;

/** Which second factors the verify page offers this user (no gate: the page reads its own session). */
export async function factorsOf(userId: string) {
  const [totp, passkeys] = await Promise.all([
    db.mfaTotp.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db.passkey.count({ where: { userId } }),
  ]);
  return { totp: Boolean(totp?.confirmedAt), passkeys };
}
