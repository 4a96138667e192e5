import type { Metadata } from 'next';
import { AuditsNav } from '@/components/audits/audits-nav';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, Combobox, TextField } from '@/components/ui/form';
import { updateAuditSettingsAction } from '@/lib/audits/settings/actions';
import { auditFormOptions } from '@/lib/audits/audits/queries';
import { getAuditSettings } from '@/lib/audits/settings/queries';
import { auditWorkspaceCapabilities } from '@/lib/audits/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { SEVERITIES, SEVERITY_LABELS } from '@/lib/audits/findings/schema';

export const metadata: Metadata = { title: 'Audit settings' };

export default async function AuditSettingsPage() {
  const actor = await requireActor();
  const [settings, options] = await loadPage(Promise.all([getAuditSettings(actor), auditFormOptions(actor)]));
  const editable = auditWorkspaceCapabilities(actor).manageSettings;
  const internal = options.auditors.filter((a) => settings.internalAuditorIds.includes(a.id));

  return (
    <>
      <PageHeader title="Audit settings" description="Default due dates by severity, and which auditors see every audit (internal audit) rather than only those they are assigned to." />
      <AuditsNav current="/audits/settings" />
      {editable ? (
        <Card title="Settings">
          <ActionForm action={updateAuditSettingsAction} label="Audit settings" submit="Save settings">
            <fieldset className="grid gap-4 sm:grid-cols-4">
              <legend className="mb-2 text-sm font-medium">Days until a new finding is due</legend>
              {SEVERITIES.map((s) => (
                <TextField key={s} label={SEVERITY_LABELS[s]} name={`due${s}`} type="number" min={1} max={3650} defaultValue={settings.dueDays[s]} required />
              ))}
            </fieldset>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="allAuditorsSeeAll" defaultChecked={settings.allAuditorsSeeAll} /> Every auditor sees every audit
            </label>
            <Combobox
              multiple
              label="Internal auditors (see every audit)"
              name="internalAuditorIds"
              options={options.auditors.map((a) => ({ value: a.id, label: a.name }))}
              defaultValue={options.auditors.filter((a) => settings.internalAuditorIds.includes(a.id)).map((a) => ({ value: a.id, label: a.name }))}
              hint="The others see only the audits they are assigned to."
            />
          </ActionForm>
        </Card>
      ) : (
        <Card title="Settings">
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            {SEVERITIES.map((s) => (
              <div key={s}><dt className="font-medium">{SEVERITY_LABELS[s]} findings due after</dt><dd>{settings.dueDays[s]} days</dd></div>
            ))}
            <div className="sm:col-span-2"><dt className="font-medium">Auditor visibility</dt><dd>{settings.allAuditorsSeeAll ? 'Every auditor sees every audit.' : `Assigned audits only${internal.length ? `, except internal auditors: ${internal.map((a) => a.name).join(', ')}` : ''}.`}</dd></div>
          </dl>
        </Card>
      )}
    </>
  );
}
