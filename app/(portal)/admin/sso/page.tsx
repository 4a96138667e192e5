import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { updateSamlSettingsAction } from '@/lib/auth/saml/actions';
import { getSamlSettings } from '@/lib/auth/saml/connection';
import { samlSettingsSchema } from '@/lib/auth/saml/schema';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Single sign-on (SAML)' };

export default async function SamlSettingsPage() {
  const actor = await requireActor();
  const { sp, connection } = await loadPage(getSamlSettings(actor));
  return (
    <>
      <PageHeader
        title="Single sign-on (SAML)"
        description="People of this organisation sign in through your SAML 2.0 identity provider. Only signed assertions are accepted; users are matched by e-mail to existing portal users and SAML never creates users or changes roles."
      />
      <Card title="For your identity provider" className="mb-6">
        <dl className="grid gap-2 text-sm md:grid-cols-[12rem_1fr]">
          <dt className="font-medium">Metadata URL</dt>
          <dd><a className="break-all underline" href={sp.metadata}>{sp.metadata}</a></dd>
          <dt className="font-medium">Entity ID (audience)</dt>
          <dd className="break-all"><code>{sp.entityId}</code></dd>
          <dt className="font-medium">Assertion consumer URL</dt>
          <dd className="break-all"><code>{sp.acs}</code> (HTTP-POST)</dd>
          <dt className="font-medium">Sign-in link</dt>
          <dd className="break-all"><code>{sp.login}</code></dd>
          <dt className="font-medium">NameID</dt>
          <dd>E-mail address (or an <code>email</code> attribute)</dd>
        </dl>
      </Card>
      <Card title="Identity provider">
        {connection ? (
          <p className="mb-3 text-sm text-slate-600" data-testid="saml-status">
            {connection.enabled ? 'SAML sign-in is on' : 'SAML sign-in is off'} · last changed <LocalTime iso={connection.updatedAt} /> · signing certificate {connection.fingerprints.join(', ')}
          </p>
        ) : null}
        <ActionForm action={updateSamlSettingsAction} schema={samlSettingsSchema} label="SAML identity provider" submit="Save SAML settings" resetOnSuccess={false} className="grid gap-4">
          <CheckboxField name="enabled" label="Allow sign-in with SAML" defaultChecked={connection?.enabled ?? false} value="on" />
          <TextAreaField name="metadataXml" label="IdP metadata XML" rows={5} hint="Paste the identity provider's metadata to fill the three fields below, or leave empty and fill them yourself." />
          <TextField name="idpEntityId" label="IdP entity ID" defaultValue={connection?.idpEntityId ?? ''} />
          <TextField name="ssoUrl" label="IdP single sign-on URL" type="url" defaultValue={connection?.ssoUrl ?? ''} />
          <TextAreaField name="idpCert" label="IdP signing certificate (PEM)" rows={5} defaultValue={connection?.idpCert ?? ''} hint="More than one during a certificate rollover." />
          <TextField name="clockSkewSeconds" label="Clock skew allowed (seconds)" type="number" defaultValue={String(connection?.clockSkewSeconds ?? 60)} hint="0 to 300. Assertions outside their validity window by more than this are refused." />
        </ActionForm>
      </Card>
    </>
  );
}
