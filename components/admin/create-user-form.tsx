'use client';

import { useState } from 'react';
import { useActionForm } from '@/components/ui/use-action-form';
import { TextField, SelectField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ROLES, ROLE_LABELS } from '@/lib/auth/permissions';
import { createUserAction } from '@/lib/users/actions';

export function CreateUserForm() {
  const { state, pending, formProps } = useActionForm(createUserAction);
  const [mode, setMode] = useState<'invite' | 'password'>('invite');
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const invitePath = state?.ok ? state.data.invitePath : null;
  return (
    <form {...formProps} className="grid gap-4 md:grid-cols-2" aria-label="Add a user">
      <TextField label="Name" name="name" required errors={errors?.name} autoComplete="off" />
      <TextField label="Email" name="email" type="email" required errors={errors?.email} autoComplete="off" />
      <SelectField label="Role" name="role" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} defaultValue="ENGINEER" errors={errors?.role} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">How they get access</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" value="invite" checked={mode === 'invite'} onChange={() => setMode('invite')} /> Send an invitation link
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" value="password" checked={mode === 'password'} onChange={() => setMode('password')} /> Set an initial password
        </label>
      </fieldset>
      {mode === 'password' ? (
        <TextField label="Initial password" name="password" type="password" autoComplete="new-password" hint="At least 12 characters, not a commonly used password." errors={errors?.password} />
      ) : null}
      <div className="md:col-span-2 space-y-3">
        <FormMessage state={state} />
        {invitePath ? (
          <div className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm" data-testid="invite-link">
            <p className="font-medium">Invitation link (shown once, valid 7 days):</p>
            <code className="break-all">{typeof window === 'undefined' ? invitePath : `${window.location.origin}${invitePath}`}</code>
          </div>
        ) : null}
        <SubmitButton pending={pending} pendingText="Adding…">Add user</SubmitButton>
      </div>
    </form>
  );
}
