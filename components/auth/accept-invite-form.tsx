'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { acceptInviteAction } from '@/lib/users/actions';

export function AcceptInviteForm({ token }: { token: string }) {
  const [state, action] = useActionState(acceptInviteAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // A Server Action form: React renders it as a POST, so it works before (or without) JavaScript.
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters and hard to guess: several unusual words together work well." errors={errors?.password} />
      <TextField label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required errors={errors?.confirm} />
      <FormMessage state={state} />
      <SubmitButton pendingText="Saving…">Set password</SubmitButton>
    </form>
  );
}
