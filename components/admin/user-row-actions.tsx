'use client';

import { useActionState } from 'react';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { FormMessage } from '@/components/ui/form-message';
import { inputClass } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { ROLES, ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import { changeUserRoleAction, deactivateUserAction, reactivateUserAction, reissueInviteAction } from '@/lib/users/actions';

export function RoleForm({ id, role, email }: { id: string; role: Role; email: string }) {
  const [state, action] = useActionState(changeUserRoleAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={`role-${id}`}>
        Role of {email}
      </label>
      <select id={`role-${id}`} name="role" defaultValue={role} className={`${inputClass} w-auto py-1`}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingText="Saving…">
        Save
      </SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function ActivationButton({ id, email, active }: { id: string; email: string; active: boolean }) {
  return active ? (
    <ConfirmAction
      action={deactivateUserAction}
      fields={{ id }}
      label="Deactivate"
      title={`Deactivate ${email}?`}
      body="They are signed out everywhere at once and cannot sign in until reactivated. Their records and history stay."
    />
  ) : (
    <ConfirmAction action={reactivateUserAction} fields={{ id }} label="Reactivate" variant="secondary" title={`Reactivate ${email}?`} body="They can sign in again with their existing password." />
  );
}

export function ReissueInviteButton({ id }: { id: string }) {
  const [state, action] = useActionState(reissueInviteAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingText="Creating…">
        New invite link
      </SubmitButton>
      {state?.ok ? (
        <code className="block break-all text-xs" data-testid="reissued-invite">
          {typeof window === 'undefined' ? state.data.invitePath : `${window.location.origin}${state.data.invitePath}`}
        </code>
      ) : (
        <FormMessage state={state} />
      )}
    </form>
  );
}
