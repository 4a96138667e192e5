'use client';

import { useState } from 'react';
import { ActionForm, RadioGroup, SelectField, TextField, type FormHints } from '@/components/ui/form';
import { ROLES, ROLE_LABELS } from '@/lib/auth/permissions';
import { createUserAction } from '@/lib/users/actions';

export function CreateUserForm({ hints }: { hints: FormHints }) {
  const [mode, setMode] = useState<'invite' | 'password'>('invite');
  const [invitePath, setInvitePath] = useState<string | null>(null);
  return (
    <ActionForm
      action={createUserAction}
      hints={hints}
      label="Add a user"
      submit="Add user"
      pendingText="Adding…"
      className="grid gap-4 md:grid-cols-2"
      onResult={(result) => {
        setInvitePath(result.ok ? result.data.invitePath : null);
        if (result.ok) setMode('invite');
      }}
    >
      <TextField label="Name" name="name" autoComplete="off" />
      <TextField label="Email" name="email" type="email" autoComplete="off" />
      <SelectField label="Role" name="role" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} defaultValue="ENGINEER" />
      <RadioGroup
        label="How they get access"
        name="mode"
        value={mode}
        onChange={(v) => setMode(v as 'invite' | 'password')}
        options={[
          { value: 'invite', label: 'Send an invitation link' },
          { value: 'password', label: 'Set an initial password' },
        ]}
      />
      {mode === 'password' ? <TextField label="Initial password" name="password" type="password" autoComplete="new-password" hint="At least 12 characters, not a commonly used password." /> : null}
      {invitePath ? (
        <div className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm md:col-span-2" data-testid="invite-link">
          <p className="font-medium">Invitation link (shown once, valid 7 days):</p>
          <code className="break-all">{`${window.location.origin}${invitePath}`}</code>
        </div>
      ) : null}
    </ActionForm>
  );
}
