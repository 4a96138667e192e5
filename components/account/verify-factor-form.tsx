'use client';

import { useActionState } from 'react';
import { SubmitButton, TextField } from '@/components/ui/form';
import { verifyFactorAction } from '@/lib/auth/mfa/actions';

// Like the sign-in form: a plain POST that works without JavaScript, one
// message on refusal, a redirect on success.
export function VerifyFactorForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(verifyFactorAction, null);
  const error = state && !state.ok ? state.message : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        id="code"
        label="Code from your authenticator app, or a recovery code"
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        required
        autoFocus
      />
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="verify-error">
          {error}
        </p>
      ) : null}
      <SubmitButton className="w-full" pendingText="Checking…">
        Verify
      </SubmitButton>
    </form>
  );
}
