'use client';

import { startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ActionForm, ConfirmAction, TextField, type FormHints } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { passkeyRegistrationOptionsAction, registerPasskeyAction, removePasskeyAction, renamePasskeyAction } from '@/lib/auth/mfa/actions';
import type { MySecurity } from '@/lib/auth/mfa/queries';
import { RecoveryCodes } from './totp-section';

/** Why the browser's ceremony stopped, in words (cancelled, no authenticator, wrong site). */
function ceremonyMessage(error: unknown): string {
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return 'This passkey is already registered.';
  if (error instanceof Error && error.name === 'NotAllowedError') return 'The passkey request was cancelled or timed out. Try again.';
  return error instanceof Error ? `The browser could not use a passkey: ${error.message}` : 'The browser could not use a passkey.';
}

// The WebAuthn ceremony runs in the browser between two Server Action calls,
// so this form submits itself instead of going through ActionForm.
function AddPasskeyForm({ hints, onCodes }: { hints: FormHints; onCodes: (codes: string[]) => void }) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; name?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '').trim();
    setError(null);
    setDone(null);
    // The name's limits, read from the server's schema: checked before the ceremony, and again by the server.
    const max = hints.name?.maxLength;
    if (!name) return setError({ message: 'Give the passkey a name', name: 'invalid' });
    if (max !== undefined && name.length > max) return setError({ message: `At most ${max} characters`, name: 'invalid' });
    setPending(true);
    try {
      const options = await passkeyRegistrationOptionsAction(null, {});
      if (!options.ok) return setError({ message: options.message });
      let answer;
      try {
        answer = await startRegistration({ optionsJSON: options.data });
      } catch (e) {
        return setError({ message: ceremonyMessage(e) });
      }
      const result = await registerPasskeyAction(null, { name, response: JSON.stringify(answer) });
      if (!result.ok) return setError({ message: result.fieldErrors?.name?.[0] ?? result.message, name: result.fieldErrors?.name?.[0] });
      form.reset();
      setDone(result.message ?? 'Passkey added.');
      if (result.data.recoveryCodes) onCodes(result.data.recoveryCodes);
      else router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <form aria-label="Add a passkey" noValidate onSubmit={onSubmit} className="space-y-3">
      <TextField id="passkey-name" name="name" label="Name for this passkey" hint="So you can tell your keys apart, e.g. “Work laptop” or “YubiKey”." required maxLength={60} aria-invalid={error?.name ? true : undefined} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Waiting for the passkey…' : 'Add a passkey'}
      </Button>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="passkey-error">
          {error.message}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-green-800">
          {done}
        </p>
      ) : null}
    </form>
  );
}

export function PasskeysSection({ passkeys, hints }: { passkeys: MySecurity['passkeys']; hints: FormHints }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <div className="space-y-4">
      {codes ? (
        <>
          <RecoveryCodes codes={codes} />
          <a href="/account/security" className="inline-block rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white">
            I have saved my recovery codes
          </a>
        </>
      ) : null}
      {passkeys.length === 0 ? (
        <p className="text-sm text-slate-600">No passkeys yet. A passkey (your device’s screen lock or a security key) signs you in without a code.</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="Your passkeys">
          {passkeys.map((p) => (
            <li key={p.id} className="flex flex-wrap items-end justify-between gap-3 py-3" data-testid="passkey-row">
              <div className="text-sm">
                <p className="font-medium">{p.name}</p>
                <p className="text-slate-600">
                  Added <LocalTime iso={p.createdAt} />, {p.lastUsedAt ? <>last used <LocalTime iso={p.lastUsedAt} /></> : 'not used yet'}
                </p>
              </div>
              <div className="flex flex-wrap items-end gap-2">
                <ActionForm action={renamePasskeyAction} hints={hints} fields={{ id: p.id }} label={`Rename ${p.name}`} submit="Rename" variant="secondary" className="flex items-end gap-2 space-y-0" resetOnSuccess={false} announce="toast">
                  <TextField name="name" label="New name" defaultValue={p.name} />
                </ActionForm>
                <ConfirmAction
                  action={removePasskeyAction}
                  fields={{ id: p.id }}
                  label={`Remove ${p.name}`}
                  title={`Remove the passkey “${p.name}”?`}
                  body="It will no longer sign you in. If the MFA policy requires a second factor for your role, keep another one."
                  success="Passkey removed."
                  buttonClassName="px-3 py-2 text-sm"
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <AddPasskeyForm hints={hints} onCodes={setCodes} />
    </div>
  );
}
