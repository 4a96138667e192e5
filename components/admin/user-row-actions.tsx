'use client';

import { useState } from 'react';
import { ActionForm, ConfirmAction, PersonPicker, SelectField } from '@/components/ui/form';
import { ROLES, ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import { resetUserMfaAction } from '@/lib/auth/mfa/actions';
import { changeUserRoleAction, deactivateUserAction, reactivateUserAction, reissueInviteAction, setUserManagerAction } from '@/lib/users/actions';

export function RoleForm({ id, role, email }: { id: string; role: Role; email: string }) {
  return (
    <ActionForm action={changeUserRoleAction} fields={{ id }} label={`Change the role of ${email}`} submit="Save" pendingText="Saving…" variant="secondary" submitClassName="px-2 py-1 text-xs" resetOnSuccess={false} announce="toast" success={`Role of ${email} changed.`} className="flex flex-wrap items-center gap-2">
      <SelectField label={`Role of ${email}`} srOnlyLabel name="role" defaultValue={role} options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} className="space-y-0" />
    </ActionForm>
  );
}

/** The line manager reviews this person's access in an access review (empty: an administrator does). */
export function ManagerForm({ id, email, manager }: { id: string; email: string; manager: { id: string; name: string; email: string } | null }) {
  return (
    <ActionForm action={setUserManagerAction} fields={{ id }} label={`Manager of ${email}`} submit="Save" pendingText="Saving…" variant="secondary" submitClassName="px-2 py-1 text-xs" resetOnSuccess={false} announce="toast" success={`Manager of ${email} saved.`} className="flex flex-wrap items-end gap-2">
      <PersonPicker label={`Manager of ${email}`} name="managerId" defaultValue={manager ? { value: manager.id, label: manager.name, description: manager.email } : null} className="min-w-48 space-y-0" />
    </ActionForm>
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
      success={`${email} deactivated.`}
    />
  ) : (
    <ConfirmAction action={reactivateUserAction} fields={{ id }} label="Reactivate" variant="secondary" title={`Reactivate ${email}?`} body="They can sign in again with their existing password." success={`${email} reactivated.`} />
  );
}

export function ReissueInviteButton({ id }: { id: string }) {
  const [path, setPath] = useState<string | null>(null);
  return (
    <ActionForm action={reissueInviteAction} fields={{ id }} label="New invite link" submit="New invite link" pendingText="Creating…" variant="secondary" submitClassName="px-2 py-1 text-xs" success="New invite link created." className="space-y-1" onResult={(r) => setPath(r.ok ? r.data.invitePath : null)}>
      {path ? (
        <code className="block break-all text-xs" data-testid="reissued-invite">
          {`${window.location.origin}${path}`}
        </code>
      ) : null}
    </ActionForm>
  );
}

export function ResetMfaButton({ id, email }: { id: string; email: string }) {
  return (
    <ConfirmAction
      action={resetUserMfaAction}
      fields={{ id }}
      label="Reset MFA"
      title={`Reset the second factors of ${email}?`}
      body="Their authenticator app, passkeys and recovery codes are removed and they are signed out everywhere. They are told, and must set up a new factor at their next sign-in."
      success={`Second factors of ${email} reset.`}
    />
  );
}
