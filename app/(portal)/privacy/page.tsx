import type { Metadata } from 'next';
import { PrivacyNav } from '@/components/privacy/badges';
import { Card, PageHeader, Stat } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { ActionForm, CheckboxField } from '@/components/ui/form';
import { Table, Td } from '@/components/ui/table';
import { updatePrivacySettingsAction } from '@/lib/privacy/actions';
import { getPrivacySettings } from '@/lib/privacy/settings';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { privacyFigures } from '@/lib/privacy/dashboard';
import { REQUEST_TYPE_LABELS } from '@/lib/privacy/schema';

export const metadata: Metadata = { title: 'Privacy' };

export default async function PrivacyPage() {
  const actor = await requireActor();
  const [f, settings] = await loadPage(Promise.all([privacyFigures(actor), getPrivacySettings(actor)]));
  const manage = settings.capabilities.manage;
  return (
    <>
      <PageHeader title="Privacy" description="Records of processing (GDPR Art. 30), data-subject requests and their statutory clocks, DPIAs (Art. 35) and FRIAs (AI Act Art. 27)." />
      <PrivacyNav />
      <div className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <Stat label="Open requests" value={f.open} href="/privacy/requests?open=true" />
        <Stat label="Overdue requests" value={f.overdue} tone={f.overdue ? 'bad' : 'good'} href="/privacy/requests?open=true" />
        <Stat label="Answered late this quarter" value={f.lateThisQuarter} tone={f.lateThisQuarter ? 'warn' : 'good'} />
        <Stat label="Assessments due for review" value={f.reviewsDue} tone={f.reviewsDue ? 'warn' : 'good'} href="/privacy/assessments" />
        <Stat label="Datasets past retention" value={f.pastRetention} tone={f.pastRetention ? 'bad' : 'good'} href="/privacy/retention" />
        <Stat label="Minimisation reviews overdue" value={f.minimisationOverdue} tone={f.minimisationOverdue ? 'bad' : 'good'} href="/privacy/minimisation" />
        <Stat label="Systems without the DPIA their screening requires" value={f.dpiaMissing} tone={f.dpiaMissing ? 'bad' : 'good'} href="/privacy/assessments" />
        <Stat label="Processing activities" value={f.activities} href="/privacy/activities" />
        <Stat label="DPIAs and FRIAs" value={f.assessments} href="/privacy/assessments" />
      </div>
      <Card title="Open requests by type">
        {f.openByType.length === 0 ? (
          <p className="text-sm">No open requests.</p>
        ) : (
          <Table caption="Open requests by type" columns={['Type', 'Open', 'Next deadline']}>
            {f.openByType.map((r) => (
              <tr key={r.type}>
                <Td>{REQUEST_TYPE_LABELS[r.type]}</Td>
                <Td>{r.count}</Td>
                <Td><LocalTime iso={r.nextDueAt} /></Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title="Public request form" className="mt-6">
        <p className="text-sm">
          {settings.publicFormEnabled ? (
            <>Data subjects can file a request without an account at <a href={settings.publicFormPath}>{settings.publicFormPath}</a> (five requests an hour per address). Each one starts its statutory clock on receipt; verify the identity here before answering.</>
          ) : (
            <>The public request form is closed. Requests are recorded by staff only.</>
          )}
        </p>
        {manage ? (
          <ActionForm action={updatePrivacySettingsAction} label="Public request form" submit="Save" variant="secondary" className="mt-3">
            <CheckboxField label="Open the public request form" name="publicFormEnabled" id="public-form-enabled" value="on" defaultChecked={settings.publicFormEnabled} />
          </ActionForm>
        ) : null}
      </Card>
    </>
  );
}
