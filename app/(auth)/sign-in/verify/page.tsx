import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PasskeyVerifyButton } from '@/components/account/passkey-verify-button';
import { VerifyFactorForm } from '@/components/account/verify-factor-form';
import { factorsOf } from '@/lib/auth/mfa/queries';
import { safeRedirectPath } from '@/lib/auth/redirect';
import { currentSession } from '@/lib/auth/session';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Confirm it is you' };

/** The second step of sign-in, and the step-up prompt of sensitive actions. */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeRedirectPath(sp.callbackUrl, env().NEXTAUTH_URL);
  const session = await currentSession();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const factors = await factorsOf(session.user.id);
  const how = [factors.passkeys ? 'use your passkey' : null, factors.totp ? 'enter the code from your authenticator app' : null].filter(Boolean).join(' or ') || 'enter a recovery code';
  return (
    <>
      <h1 className="mb-1 text-xl">{session.pending ? 'Two-step sign-in' : 'Confirm it is you'}</h1>
      <p className="mb-6 text-sm text-slate-600">
        {session.pending
          ? `Signed in as ${session.user.email}. To finish signing in, ${how}.`
          : `This action needs a second factor given in the last 10 minutes: ${how}.`}
      </p>
      {factors.passkeys ? (
        <div className="mb-6">
          <PasskeyVerifyButton callbackUrl={callbackUrl} />
        </div>
      ) : null}
      <VerifyFactorForm callbackUrl={callbackUrl} />
      <p className="mt-4 text-xs text-slate-600">
        Lost your device? Use one of your recovery codes, or ask an administrator to reset your second factor.{' '}
        {session.pending ? null : <Link href={callbackUrl} className="underline">Go back</Link>}
      </p>
    </>
  );
}
