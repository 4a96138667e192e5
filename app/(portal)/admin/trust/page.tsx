import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, SelectField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { publishTrustCentreAction } from '@/lib/trust/actions';
import { getTrustSettings } from '@/lib/trust/queries';
import { TRUST_STATUS_LABELS, TRUST_STATUSES, trustSettingsSchema } from '@/lib/trust/schema';

export const metadata: Metadata = { title: 'Trust centre' };

const STATUS_OPTIONS = TRUST_STATUSES.map((s) => ({ value: s, label: TRUST_STATUS_LABELS[s] }));

export default async function TrustCentreSettingsPage() {
  const actor = await requireActor();
  const s = await loadPage(getTrustSettings(actor));
  return (
    <>
      <PageHeader
        title="Trust centre"
        description="A public page for customers: the certifications, frameworks, security contact and signed model attestations you choose. Off until you turn it on; visitors see what you publish here, nothing else of the portal. Publishing again takes a fresh snapshot."
      />
      <Card title="Status">
        <p className="text-sm text-slate-800">
          {s.enabled && s.publishedAt ? (
            <>
              Published <LocalTime iso={s.publishedAt} /> at <a className="text-blue-700 underline" href={`/trust/${s.slug}`}>/trust/{s.slug}</a>; {s.viewsLast30Days} view(s) in the last 30 days.
            </>
          ) : (
            'Not published: /trust/' + s.slug + ' answers "not found".'
          )}
        </p>
      </Card>
      <Card title="What the public page shows">
        <ActionForm action={publishTrustCentreAction} schema={trustSettingsSchema} label="Trust centre settings" submit="Save and publish" resetOnSuccess={false}>
          <div className="grid gap-4">
            <CheckboxField name="enabled" label="Publish the trust centre" defaultChecked={s.enabled} value="on" />
            <CheckboxField name="showCertifications" label="Certifications currently valid" defaultChecked={s.showCertifications} value="on" />
            <CheckboxField name="showAttestations" label="Signed attestations of the models in production" defaultChecked={s.showAttestations} value="on" />
            <CheckboxField name="showFrameworks" label="Frameworks with the status chosen below" defaultChecked={s.showFrameworks} value="on" />
            <TextField name="securityContact" label="Security contact" defaultValue={s.securityContact} hint="An e-mail address or an https:// page. Blank: not shown." />
            <fieldset className="grid gap-2">
              <legend className="font-medium">Frameworks and their overall status</legend>
              {s.frameworks.length === 0 ? <p className="text-sm text-slate-700">No framework in the library yet.</p> : null}
              {s.frameworks.map((f) => (
                <SelectField key={f.key} name={`status:${f.key}`} label={f.name} options={STATUS_OPTIONS} placeholder="Not shown" defaultValue={f.status ?? ''} />
              ))}
            </fieldset>
          </div>
        </ActionForm>
      </Card>
    </>
  );
}
