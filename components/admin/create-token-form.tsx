'use client';

import { useState } from 'react';
import { ActionForm, CheckboxGroup, TextField, type FormHints } from '@/components/ui/form';
import { PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import { createTokenAction } from '@/lib/tokens/actions';
import { SCOPE_PRESETS } from '@/lib/tokens/presets';

export function CreateTokenForm({ grantable, defaultDays, hints }: { grantable: Permission[]; defaultDays: number; hints: FormHints }) {
  const [scopes, setScopes] = useState<readonly string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const toggle = (p: string) => setScopes((prev) => (prev.includes(p) ? prev.filter((x) => x !== p) : [...prev, p]));
  return (
    <ActionForm
      action={createTokenAction}
      hints={hints}
      label="Create an API token"
      submit="Create token"
      pendingText="Creating…"
      success="Token created."
      className="space-y-4"
      onResult={(result) => {
        setSecret(result.ok ? result.data.secret : null);
        if (result.ok) setScopes([]);
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="Name" name="name" placeholder="e.g. deploy-pipeline" />
        <TextField label="Expires in (days)" name="expiresInDays" type="number" defaultValue={defaultDays} />
      </div>
      <div>
        <p className="text-sm font-medium">Presets</p>
        <div className="mt-1 flex flex-wrap gap-2">
          {Object.entries(SCOPE_PRESETS)
            .filter(([, preset]) => preset.scopes.every((p) => grantable.includes(p)))
            .map(([key, preset]) => (
            <button key={key} type="button" className="rounded-full border border-slate-300 bg-white px-3 py-1 text-xs hover:bg-slate-100" onClick={() => setScopes([...preset.scopes])}>
              {preset.label}
            </button>
          ))}
        </div>
      </div>
      <CheckboxGroup
        label="Scopes"
        name="scopes"
        value={scopes}
        onChange={toggle}
        options={grantable.map((p) => ({ value: p, label: <code className="text-xs">{p}</code>, description: PERMISSIONS[p] }))}
      />
      {secret ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">Copy the token now. It will not be shown again.</p>
          <code className="mt-1 block break-all" data-testid="new-token-secret">
            {secret}
          </code>
        </div>
      ) : null}
    </ActionForm>
  );
}
