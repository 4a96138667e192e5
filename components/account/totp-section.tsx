'use client';

import { useState } from 'react';
import { ActionForm, ConfirmAction, TextField, type FormHints } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { beginTotpEnrolmentAction, confirmTotpAction, regenerateRecoveryCodesAction, removeTotpAction } from '@/lib/auth/mfa/actions';
import type { MySecurity } from '@/lib/auth/mfa/queries';

/** Shown once, right after they are made: the server keeps only hashes. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="recovery-codes">
      <p className="text-sm font-medium text-amber-900">Your recovery codes (each works once; this is the only time they are shown)</p>
      <ul className="mt-2 grid grid-cols-2 gap-1 font-mono text-sm" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

export function TotpSection({ totp, recoveryCodesLeft, codeHints }: { totp: MySecurity['totp']; recoveryCodesLeft: number; codeHints: FormHints }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const keep = (r: { ok: boolean; data?: unknown }) => {
    if (r.ok && r.data && typeof r.data === 'object' && 'recoveryCodes' in r.data) setCodes((r.data as { recoveryCodes: string[] }).recoveryCodes);
  };
  if (codes && totp.status !== 'active') {
    return (
      <div className="space-y-4">
        <RecoveryCodes codes={codes} />
        <a href="/account/security" className="inline-block rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white">
          I have saved my recovery codes
        </a>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {codes ? <RecoveryCodes codes={codes} /> : null}
      {totp.status === 'active' ? (
        <>
          <p className="text-sm" data-testid="totp-status">
            Authenticator app active since {totp.confirmedAt ? <LocalTime iso={totp.confirmedAt} /> : '—'}
            {totp.lastUsedAt ? (
              <>
                , last used <LocalTime iso={totp.lastUsedAt} />
              </>
            ) : null}
            . {recoveryCodesLeft} of 10 recovery codes left.
          </p>
          <div className="flex flex-wrap gap-2">
            <ActionForm action={regenerateRecoveryCodesAction} label="New recovery codes" submit="New recovery codes" variant="secondary" onResult={keep} />
            <ConfirmAction
              action={removeTotpAction}
              fields={{}}
              label="Remove authenticator app"
              title="Remove the authenticator app?"
              body="Codes from the app will no longer be accepted. If the MFA policy requires a second factor for your role, you will have to set one up again."
              success="Authenticator app removed."
              buttonClassName="px-3 py-2 text-sm"
            />
          </div>
        </>
      ) : totp.status === 'pending' && totp.setup ? (
        <div className="space-y-3">
          <p className="text-sm">Scan this code with an authenticator app (1Password, Google Authenticator, Microsoft Authenticator…), then enter the 6-digit code it shows.</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
          <img src={totp.setup.qrDataUrl} alt="QR code to add the portal to an authenticator app" width={200} height={200} />
          <p className="text-sm">
            Or type this key: <code className="break-all font-mono" data-testid="totp-secret">{totp.setup.secret}</code>
          </p>
          <ActionForm action={confirmTotpAction} hints={codeHints} label="Confirm the authenticator app" submit="Confirm" onResult={keep}>
            <TextField name="code" label="6-digit code" autoComplete="one-time-code" inputMode="numeric" />
          </ActionForm>
        </div>
      ) : (
        <ActionForm action={beginTotpEnrolmentAction} label="Set up an authenticator app" submit="Set up an authenticator app" />
      )}
    </div>
  );
}
