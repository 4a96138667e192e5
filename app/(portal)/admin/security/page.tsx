import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, CheckboxGroup, TextField } from '@/components/ui/form';
import { updateMfaPolicyAction } from '@/lib/auth/mfa/actions';
import { getMfaPolicy } from '@/lib/auth/mfa/policy';
import { mfaPolicyFormSchema } from '@/lib/auth/mfa/schema';
import { loadPage } from '@/lib/auth/page';
import { ROLES, ROLE_LABELS } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign-in security policy' };

export default async function SecurityPolicyPage() {
  const actor = await requireActor();
  const policy = await loadPage(getMfaPolicy(actor));
  return (
    <>
      <PageHeader
        title="Sign-in security policy"
        description="Who must use a second factor. A required user without one may sign in during the grace period (counted from their first sign-in under the policy); after it, the portal opens only once they have set one up."
      />
      <Card title="Multi-factor authentication">
        <ActionForm action={updateMfaPolicyAction} schema={mfaPolicyFormSchema} label="MFA policy" submit="Save policy" resetOnSuccess={false}>
          <CheckboxGroup name="requiredRoles" label="Roles that must use a second factor" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} defaultValue={policy.requiredRoles} />
          <TextField name="graceDays" label="Grace period (days)" type="number" defaultValue={String(policy.graceDays)} hint="0 means at the first sign-in." />
          <CheckboxField
            name="trustIdpMfa"
            label="Count the identity provider’s MFA (OIDC/SAML amr or acr claim) as a second factor"
            defaultChecked={policy.trustIdpMfa}
          />
        </ActionForm>
      </Card>
    </>
  );
}
