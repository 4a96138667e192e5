'use client';

import { useState } from 'react';
import { useActionForm } from '@/components/ui/use-action-form';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import { createTokenAction } from '@/lib/tokens/actions';
import { SCOPE_PRESETS } from '@/lib/tokens/schema';

export function CreateTokenForm({ grantable }: { grantable: Permission[] }) {
  const { state, pending, formProps } = useActionForm(createTokenAction);
  const [scopes, setScopes] = useState<Set<Permission>>(new Set());
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const toggle = (p: Permission) =>
    setScopes((prev) => {
      const next = new Set(prev);
      if (next.has(p)) next.delete(p);
      else next.add(p);
      return next;
    });
  return (
    <form {...formProps} className="space-y-4" aria-label="Create an API token">
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="Name" name="name" required placeholder="e.g. deploy-pipeline" errors={errors?.name} />
        <TextField label="Expires in (days)" name="expiresInDays" type="number" min={1} max={365} defaultValue={90} required errors={errors?.expiresInDays} />
      </div>
      <div>
        <p className="text-sm font-medium">Presets</p>
        <div className="mt-1 flex flex-wrap gap-2">
          {Object.entries(SCOPE_PRESETS).map(([key, preset]) => (
            <button key={key} type="button" className="rounded-full border border-slate-300 bg-white px-3 py-1 text-xs hover:bg-slate-100" onClick={() => setScopes(new Set(preset.scopes))}>
              {preset.label}
            </button>
          ))}
        </div>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Scopes</legend>
        {errors?.scopes ? <p className="text-xs font-medium text-red-700" role="alert">{errors.scopes.join(' ')}</p> : null}
        <div className="mt-2 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {grantable.map((p) => (
            <label key={p} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes[]" value={p} checked={scopes.has(p)} onChange={() => toggle(p)} className="mt-1" />
              <span>
                <code className="text-xs">{p}</code>
                <span className="block text-xs text-slate-600">{PERMISSIONS[p]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormMessage state={state && !state.ok ? state : null} />
      {state?.ok ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          <p className="font-medium">Copy the token now. It will not be shown again.</p>
          <code className="mt-1 block break-all" data-testid="new-token-secret">{state.data.secret}</code>
        </div>
      ) : null}
      <SubmitButton pending={pending} pendingText="Creating…">Create token</SubmitButton>
    </form>
  );
}
