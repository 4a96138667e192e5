import type { Metadata } from 'next';
import Link from 'next/link';
import { directionSign, fmt } from '@/components/monitoring/badges';
import { Card, PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { getMonitoringPlan } from '@/lib/monitoring/queries';
import { requestTimePrefs } from '@/lib/platform/time-prefs';

export const metadata: Metadata = { title: 'Post-market monitoring plan' };

export default async function MonitoringPlanPage({ params }: { params: Promise<{ versionId: string }> }) {
  const actor = await requireActor();
  const { versionId } = await params;
  const [plan, prefs] = await Promise.all([loadPage(getMonitoringPlan(actor, versionId)), requestTimePrefs()]);
  const q = new URLSearchParams({ locale: prefs.locale, tz: prefs.timeZone }).toString();
  const exportBase = `/api/v1/monitoring/monitors/${plan.versionId}/plan`;
  return (
    <>
      <PageHeader
        title={`Post-market monitoring plan: ${plan.model.name} ${plan.version}`}
        description={`${plan.system.name}. What is monitored, how often, who reviews, and the requirements the plan is evidence for.`}
        actions={
          <span className="flex gap-3 text-sm">
            <a href={`${exportBase}?format=pdf&${q}`}>Download PDF</a>
            <a href={`${exportBase}?format=docx&${q}`}>Download DOCX</a>
            <Link href={`/monitoring/${plan.versionId}`}>Monitoring</Link>
          </span>
        }
      />
      <div className="grid gap-6">
        <Card title="Scope and responsibilities">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">Model owner (acknowledges alerts)</dt>
            <dd>{plan.owner}</dd>
            <dt className="font-medium">Who reviews</dt>
            <dd>{plan.reviewer || 'Not stated'}</dd>
            <dt className="font-medium">Review cadence</dt>
            <dd>{plan.reviewCadence || 'Not stated'}</dd>
            <dt className="font-medium">Data cadence</dt>
            <dd>A window every {plan.cadenceHours} h; missing data after {plan.missingAfterHours} h</dd>
            <dt className="font-medium">Escalation</dt>
            <dd>A breach unacknowledged for {plan.escalateAfterDays} days goes to the business owner and compliance</dd>
            <dt className="font-medium">Protected attributes</dt>
            <dd>{plan.groupAttributes.join(', ') || 'None'}</dd>
          </dl>
        </Card>
        <Card title="Metrics watched">
          <Table caption="Metrics watched" columns={['Metric', 'Per group of', 'Threshold', 'Warning from', 'Baseline', 'Fairness']}>
            {plan.metrics.map((m) => (
              <tr key={`${m.name}|${m.attribute}`}>
                <Td>{m.name}</Td>
                <Td>{m.attribute || 'overall'}</Td>
                <Td>
                  {directionSign(m.direction)} {m.threshold}
                </Td>
                <Td>{fmt(m.warningAt)}</Td>
                <Td>{fmt(m.baseline)}</Td>
                <Td>{m.fairness ? 'Yes: a breach opens an incident' : 'No'}</Td>
              </tr>
            ))}
          </Table>
        </Card>
        <Card title="Data drift">
          {plan.features.length === 0 ? (
            <p className="text-sm">No reference distribution is uploaded.</p>
          ) : (
            <Table caption="Features watched for drift" columns={['Feature', 'Kind', 'Role', 'Method', 'Threshold']}>
              {plan.features.map((f) => (
                <tr key={f.name}>
                  <Td>{f.name}</Td>
                  <Td>{f.kind.toLowerCase()}</Td>
                  <Td>{f.role.toLowerCase()}</Td>
                  <Td>{f.method}</Td>
                  <Td>{f.threshold}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="Requirements this plan is evidence for">
          <Table caption="Linked requirements" columns={['Framework', 'Reference', 'Requirement']}>
            {plan.requirements.map((r) => (
              <tr key={r.ref}>
                <Td>{r.framework}</Td>
                <Td>{r.ref}</Td>
                <Td>{r.title}</Td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
