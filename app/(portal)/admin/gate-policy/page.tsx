import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { setGatePolicyAction } from '@/lib/models/actions';
import { getGatePolicy } from '@/lib/models/gate-policy';
import { gatePolicyFormSchema } from '@/lib/models/schema';

export const metadata: Metadata = { title: 'Gate policy' };

export default async function GatePolicyPage() {
  const actor = await requireActor();
  const { policy, updatedAt, capabilities } = await loadPage(getGatePolicy(actor));
  const yesNo = (b: boolean) => (b ? 'Required' : 'Not required');

  return (
    <>
      <PageHeader
        title="Gate policy"
        description="Extra conditions a version of a high-risk AI system must meet before it enters production, on top of the fixed promotion rules. Each is off until turned on here; the version page and the deploy check list every unmet one. Every change is recorded in the audit trail."
      />
      <Card title="Conditions for high-risk systems">
        {capabilities.canEdit ? (
          <ActionForm action={setGatePolicyAction} schema={gatePolicyFormSchema} label="Gate policy" submit="Save gate policy" resetOnSuccess={false}>
            <div className="grid gap-4">
              <CheckboxField name="requireMonitor" label="A production monitor is configured for the version" defaultChecked={policy.requireMonitor} value="on" />
              <CheckboxField name="requireRedTeam" label="A red-team exercise has tested the version and no technique succeeded" defaultChecked={policy.requireRedTeam} value="on" />
              <TextField
                name="minExplanationCoverage"
                label="Minimum explanation coverage of logged decisions"
                defaultValue={policy.minExplanationCoverage == null ? '' : String(policy.minExplanationCoverage)}
                hint="A share between 0 and 1 (0.95 = 95 % of decisions carry a valid explanation). Blank: no condition."
                inputMode="decimal"
              />
              <TextField
                name="maxCriticalVulnerabilityAgeDays"
                label="Oldest open critical vulnerability allowed (days)"
                defaultValue={policy.maxCriticalVulnerabilityAgeDays == null ? '' : String(policy.maxCriticalVulnerabilityAgeDays)}
                hint="From the system's imported vulnerability scans. Blank: no condition."
                inputMode="numeric"
              />
            </div>
          </ActionForm>
        ) : (
          <dl className="grid gap-2 text-sm">
            <div><dt className="font-medium">Production monitor</dt><dd>{yesNo(policy.requireMonitor)}</dd></div>
            <div><dt className="font-medium">Red-team exercise</dt><dd>{yesNo(policy.requireRedTeam)}</dd></div>
            <div><dt className="font-medium">Minimum explanation coverage</dt><dd>{policy.minExplanationCoverage == null ? 'None' : `${policy.minExplanationCoverage * 100} %`}</dd></div>
            <div><dt className="font-medium">Oldest critical vulnerability</dt><dd>{policy.maxCriticalVulnerabilityAgeDays == null ? 'No limit' : `${policy.maxCriticalVulnerabilityAgeDays} days`}</dd></div>
          </dl>
        )}
        <p className="mt-4 text-sm text-slate-700">{updatedAt ? <>Last changed <LocalTime iso={updatedAt.toISOString()} />.</> : 'Never changed: every condition is off.'}</p>
      </Card>
    </>
  );
}
