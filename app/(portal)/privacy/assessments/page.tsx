import type { Metadata } from 'next';
import Link from 'next/link';
import { AssessmentFields } from '@/components/privacy/assessment-fields';
import { AssessmentStatusBadge, PrivacyNav, RiskLevelBadge } from '@/components/privacy/badges';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, Combobox, RadioGroup } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createAssessmentAction } from '@/lib/privacy/actions';
import { listAssessments } from '@/lib/privacy/assessments/queries';
import { assessmentFormSchema } from '@/lib/privacy/assessments/schema';

export const metadata: Metadata = { title: 'DPIAs and FRIAs' };

export default async function AssessmentsPage() {
  const actor = await requireActor();
  const list = await loadPage(listAssessments(actor));
  return (
    <>
      <PageHeader title="DPIAs and FRIAs" description="Data protection impact assessments (GDPR Art. 35) and fundamental rights impact assessments (AI Act Art. 27). A signed-off version is frozen; a change makes the next version." />
      <PrivacyNav />
      {list.items.length === 0 ? (
        <EmptyState title="No assessments yet">{list.capabilities.create ? 'Start one below.' : 'None is visible to you.'}</EmptyState>
      ) : (
        <Table caption={`Assessments (${list.items.length})`} columns={['Assessment', 'AI system', 'Status', 'Screening', 'Residual risk', 'Review']}>
          {list.items.map((a) => (
            <tr key={a.id} data-testid="assessment-row">
              <Td><Link href={`/privacy/assessments/${a.id}`} className="font-medium">{a.kind}: {a.title}</Link> <span className="text-xs">v{a.version}</span></Td>
              <Td>{a.system}</Td>
              <Td><AssessmentStatusBadge status={a.status} /></Td>
              <Td>{a.screeningRequired ? <Badge tone="warn">DPIA required</Badge> : 'Not required'}</Td>
              <Td><RiskLevelBadge level={a.residualRisk} /></Td>
              <Td>{a.reviewDate ? <LocalTime iso={a.reviewDate} dateOnly /> : '—'} {a.reviewDue ? <Badge tone="bad">Review due</Badge> : null}</Td>
            </tr>
          ))}
        </Table>
      )}
      {list.capabilities.create ? (
        <Card title="Start an assessment" className="mt-6">
          <ActionForm action={createAssessmentAction} schema={assessmentFormSchema} label="Start an assessment" submit="Start assessment">
            <div className="mb-3 grid gap-3 sm:grid-cols-2">
              <RadioGroup label="Kind" name="kind" defaultValue="DPIA" options={[{ value: 'DPIA', label: 'DPIA (GDPR Art. 35)' }, { value: 'FRIA', label: 'FRIA (AI Act Art. 27)' }]} />
              <Combobox source="systems" label="AI system" name="systemId" required />
            </div>
            <AssessmentFields kind="both" idPrefix="new" />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
