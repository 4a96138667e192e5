import type { Metadata } from 'next';
import Link from 'next/link';
import { AssessmentFields } from '@/components/privacy/assessment-fields';
import { AssessmentStatusBadge, RiskLevelBadge } from '@/components/privacy/badges';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, ConfirmAction } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { DownloadLink } from '@/components/ui/button';
import { signOffAssessmentAction, storeAssessmentEvidenceAction, updateAssessmentAction } from '@/lib/privacy/actions';
import { getAssessment } from '@/lib/privacy/assessments/queries';
import { assessmentFormSchema, DPIA_SECTIONS, FRIA_SECTIONS } from '@/lib/privacy/assessments/schema';
import { SCREENING_CRITERIA } from '@/lib/privacy/screening';

export const metadata: Metadata = { title: 'Assessment' };

export default async function AssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const a = await loadPage(getAssessment(actor, id));
  const sections: Record<string, string> = { ...DPIA_SECTIONS, ...(a.kind === 'FRIA' ? FRIA_SECTIONS : {}) };
  return (
    <>
      <PageHeader title={`${a.kind}: ${a.title}`} description={`Version ${a.version} · ${a.system?.name ?? ''} · author ${a.author ?? '—'}`} />
      <p className="mb-4 text-sm"><Link href="/privacy/assessments">← DPIAs and FRIAs</Link></p>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <AssessmentStatusBadge status={a.status} />
        <span className="text-sm">Residual risk <RiskLevelBadge level={a.residualRisk} /></span>
        {a.signedOffAt ? <span className="text-sm">Signed off by {a.signedOffBy} on <LocalTime iso={a.signedOffAt} /></span> : null}
        {a.evidenceId ? <Link href={`/audits/evidence?q=${encodeURIComponent(a.title)}`} className="text-sm">Stored as evidence</Link> : null}
      </div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <DownloadLink href={`/api/v1/privacy/assessments/${a.id}/pdf`} variant="secondary">Download the PDF</DownloadLink>
        {a.capabilities.storeEvidence ? (
          <ActionForm action={storeAssessmentEvidenceAction} fields={{ id: a.id }} label="Store as evidence" submit={`Store the PDF as evidence (${a.kind === 'DPIA' ? 'GDPR Art. 35' : 'AI Act Art. 27'}, NIST MAP 5.1)`} variant="secondary" />
        ) : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Screening (WP248)" className="lg:col-span-2">
          <p className="text-sm">{a.screening.reason}{a.screening.automatedDecisionFlag ? ' Profiling or automated decisions: Art. 22 safeguards and a human-review route apply.' : ''}</p>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {a.screening.met.map((k) => <li key={k}>{SCREENING_CRITERIA[k]}</li>)}
          </ul>
        </Card>
        <Card title="Versions">
          <ol className="space-y-1 text-sm">
            {a.versions.map((v) => (
              <li key={v.id}>
                {v.id === a.id ? <span className="font-medium">Version {v.version} (this one)</span> : <Link href={`/privacy/assessments/${v.id}`}>Version {v.version}</Link>} <AssessmentStatusBadge status={v.status} />
              </li>
            ))}
          </ol>
        </Card>
      </div>
      <Card title="Assessment" className="mt-6">
        <dl className="grid gap-3 text-sm">
          {Object.entries(sections).map(([k, label]) => (
            <div key={k}><dt className="font-medium">{label}</dt><dd className="whitespace-pre-wrap">{a.sections[k] || '—'}</dd></div>
          ))}
          <div><dt className="font-medium">Data protection officer&apos;s advice</dt><dd className="whitespace-pre-wrap">{a.dpoAdvice || 'Not recorded yet'}</dd></div>
          <div><dt className="font-medium">Review date</dt><dd>{a.reviewDate ? <LocalTime iso={a.reviewDate} dateOnly /> : '—'}</dd></div>
        </dl>
      </Card>
      <Card title="Risks and measures" className="mt-6">
        {a.risks.length === 0 ? (
          <p className="text-sm">No risks recorded.</p>
        ) : (
          <Table caption="Risks to rights and freedoms" columns={['Risk', 'Likelihood × severity', 'Measures', 'Residual']}>
            {a.risks.map((r, i) => (
              <tr key={i}>
                <Td>{r.title}</Td>
                <Td>{r.likelihood} × {r.severity} <RiskLevelBadge level={r.inherent} /></Td>
                <Td>{r.measures || '—'}{r.controlIds.length ? <div className="text-xs">Controls: {r.controlIds.length}</div> : null}</Td>
                <Td>{r.residualLikelihood} × {r.residualSeverity} <RiskLevelBadge level={r.residual} /></Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      {a.capabilities.signOff ? (
        <Card title="Sign-off" className="mt-6">
          <ConfirmAction
            action={signOffAssessmentAction}
            fields={{ id: a.id }}
            label="Sign off"
            title="Sign off this version?"
            body={<p>The version is frozen; later changes make a new version.{a.residualRisk === 'high' ? ' Residual risk is high: a prior-consultation task (Art. 36) will be raised.' : ''}</p>}
            confirmLabel="Sign off"
            variant="secondary"
          />
        </Card>
      ) : a.status === 'DRAFT' ? (
        <p className="mt-6 text-sm text-slate-700">Sign-off is given by a privacy or compliance officer other than the author.</p>
      ) : null}
      {a.capabilities.edit ? (
        <Card title={a.status === 'SIGNED_OFF' ? 'Change (makes version ' + (a.version + 1) + ')' : 'Edit'} className="mt-6">
          {a.status === 'SIGNED_OFF' ? <p className="mb-3 text-sm"><Badge tone="info">Frozen</Badge> Saving creates a new draft version; this one stays as signed off.</p> : null}
          <ActionForm action={updateAssessmentAction} schema={assessmentFormSchema} fields={{ id: a.id }} label="Edit the assessment" submit="Save" resetOnSuccess={false}>
            <AssessmentFields kind={a.kind} idPrefix="edit" values={{ ...a, screening: a.screening.met }} />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
