'use client';

import { signIn } from 'next-auth/react';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { SubmitButton, TextField } from '@/components/ui/form';
import { signInAction } from '@/lib/auth/actions';

// A Server Action form: React renders it as a POST, so without JavaScript the
// browser posts it too and credentials never reach a URL. The kit's fields, but
// not ActionForm: a refusal here is one message (never a field), an error may
// also arrive from the identity provider in the URL, and success is a redirect.
export function SignInForm({ callbackUrl, initialError, oidcName }: { callbackUrl: string; initialError?: string; oidcName: string | null }) {
  const [state, action] = useActionState(signInAction, null);
  const error = state && !state.ok ? state.message : initialError;

  return (
    <div className="space-y-4">
      <form action={action} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextField id="email" label="Email" name="email" type="email" autoComplete="username" required autoFocus />
        <TextField id="password" label="Password" name="password" type="password" autoComplete="current-password" required />
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
        <SubmitButton className="w-full" pendingText="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      {oidcName ? (
        <Button variant="secondary" className="w-full" onClick={() => void signIn('oidc', { callbackUrl })}>
          Sign in with {oidcName}
        </Button>
      ) : null}
    </div>
  );
}
