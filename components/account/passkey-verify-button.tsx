'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { passkeySignInOptionsAction, verifyPasskeyAction } from '@/lib/auth/mfa/actions';

/** The second step with a passkey: options from the server, the browser's ceremony, the answer back. */
export function PasskeyVerifyButton({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function verify() {
    setError(null);
    setPending(true);
    try {
      const options = await passkeySignInOptionsAction();
      if (!options.ok) return setError(options.message);
      let answer;
      try {
        answer = await startAuthentication({ optionsJSON: options.data });
      } catch (e) {
        return setError(e instanceof Error && e.name === 'NotAllowedError' ? 'The passkey request was cancelled or timed out. Try again.' : `The browser could not use a passkey${e instanceof Error ? `: ${e.message}` : '.'}`);
      }
      const result = await verifyPasskeyAction(null, { response: JSON.stringify(answer), callbackUrl });
      if (!result.ok) return setError(result.message);
      window.location.assign(result.data.target);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" className="w-full" onClick={() => void verify()} disabled={pending}>
        {pending ? 'Waiting for the passkey…' : 'Use a passkey'}
      </Button>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="passkey-verify-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
