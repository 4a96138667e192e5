'use client';

import { ActionForm, TextField } from '@/components/ui/form';
import { acceptInviteAction } from '@/lib/users/actions';

// A Server Action form: without JavaScript the browser posts it, so it works before (or without) scripts.
// The field ids stay "password" and "confirm": the page holds this one form only.
export function AcceptInviteForm({ token }: { token: string }) {
  return (
    <ActionForm action={acceptInviteAction} label="Set your password" fields={{ token }} submit="Set password" pendingText="Saving…" resetOnSuccess={false}>
      <TextField id="password" label="New password" name="password" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters and hard to guess: several unusual words together work well." />
      <TextField id="confirm" label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required />
    </ActionForm>
  );
}
