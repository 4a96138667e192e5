import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeRedirectPath } from '@/lib/auth/redirect';
import { listSamlSignIns } from '@/lib/auth/saml/connection';
import { getActor } from '@/lib/auth/session';
import { env, oidcConfigured } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

const ERRORS: Record<string, string> = {
  NoPortalAccount: 'Your company account is not registered in the portal. Ask an administrator to add you.',
  EmailNotVerified: 'Your identity provider has not verified your email address.',
  AccessDenied: 'Access denied.',
  SamlInvalid: 'Your identity provider’s answer could not be accepted (signature, audience, recipient or validity). Try again, or ask an administrator.',
  SamlReplayed: 'That sign-in answer was already used. Start the sign-in again.',
  SamlNotConfigured: 'SAML sign-in is not set up for this organisation.',
  SessionRequired: 'Sign in to continue.',
};

const NOTICES: Record<string, string> = {
  'password-set': 'Your password is set. You can sign in now.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeRedirectPath(sp.callbackUrl, env().NEXTAUTH_URL);
  if (await getActor()) redirect(callbackUrl);
  const initialError = sp.error ? (ERRORS[sp.error] ?? 'Sign-in failed. Try again.') : undefined;
  const notice = sp.notice ? NOTICES[sp.notice] : undefined;
  const saml = await listSamlSignIns();
  return (
    <>
      <h1 className="mb-1 text-xl">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600">Use your portal account{oidcConfigured() ? ' or your company single sign-on' : ''}.</p>
      {notice ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {notice}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} initialError={initialError} oidcName={oidcConfigured() ? env().OIDC_NAME : null} />
      {saml.length ? (
        <ul className="mt-4 space-y-2" aria-label="Single sign-on">
          {saml.map((o) => (
            <li key={o.slug}>
              <a className="block rounded-md border border-slate-300 px-3 py-2 text-center text-sm hover:bg-slate-50" href={`/api/saml/${encodeURIComponent(o.slug)}/login?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
                Sign in with {o.name} single sign-on (SAML)
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {env().DEMO_MODE ? (
        <div className="mt-6 rounded-md bg-slate-50 p-3 text-xs text-slate-700" data-testid="demo-accounts">
          <p className="font-medium">Demo accounts (password <code>governance-demo-2026</code>)</p>
          <ul className="mt-1 list-inside list-disc">
            <li>admin@acme.example</li>
            <li>compliance@acme.example</li>
            <li>engineer@acme.example</li>
            <li>auditor@acme.example</li>
          </ul>
        </div>
      ) : null}
    </>
  );
}
