import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, ConfirmAction, TextAreaField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { formatBytes } from '@/lib/audits/evidence/file-type';
import { enumLabel } from '@/lib/format';
import { reissueQuestionnaireLinkAction, reviewQuestionnaireAction, withdrawQuestionnaireAction } from '@/lib/vendors/actions';
import { getQuestionnaire } from '@/lib/vendors/queries';

export const metadata: Metadata = { title: 'Vendor questionnaire' };

export default async function QuestionnaireReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const q = await loadPage(() => getQuestionnaire(actor, id));
  const caps = q.capabilities;
  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/vendors/${q.vendor.id}`}>← {q.vendor.name}</Link></p>
      <PageHeader
        title={`${q.template.title}: ${q.vendor.name}`}
        description={<>Status <Badge>{enumLabel(q.status)}</Badge> · sent <LocalTime iso={q.sentAt} dateOnly />{q.submittedAt ? <> · submitted <LocalTime iso={q.submittedAt} /></> : null}{q.evidenceId ? <> · <Link href="/audits/evidence">evidence recorded</Link></> : null}</>}
        actions={caps.withdraw ? (
          <>
            <ConfirmAction action={reissueQuestionnaireLinkAction} fields={{ id: q.id }} label="Issue a new link" title="Issue a new link?" body="The current link stops working; the new one is shown once." confirmLabel="Issue new link" variant="secondary" buttonClassName="px-3 py-2 text-sm" />
            <ConfirmAction action={withdrawQuestionnaireAction} fields={{ id: q.id }} label="Withdraw questionnaire" title="Withdraw this questionnaire?" body="Its link stops working at once and the vendor can no longer answer." confirmLabel="Withdraw" buttonClassName="px-3 py-2 text-sm" />
          </>
        ) : null}
      />
      <Card title="Links" className="mb-6">
        <ul className="text-sm">
          {q.links.map((l) => (
            <li key={l.id}>Sent to {l.recipient ?? '—'} on <LocalTime iso={l.createdAt.toISOString()} dateOnly />: {l.state}, used {l.useCount} time{l.useCount === 1 ? '' : 's'}, expires <LocalTime iso={l.expiresAt.toISOString()} dateOnly /></li>
          ))}
        </ul>
      </Card>
      {caps.review ? (
        <ActionForm action={reviewQuestionnaireAction} label="Review the answers" submit="Save review" fields={{ id: q.id }} resetOnSuccess={false}>
          <Answers q={q} editable />
          <TextAreaField label="Review summary" name="summary" defaultValue={q.reviewSummary ?? ''} />
          <CheckboxField label="Complete the review (the answers, linked and attached documents become evidence)" name="complete" />
        </ActionForm>
      ) : (
        <Answers q={q} editable={false} />
      )}
      {q.reviewSummary && !caps.review ? <Card title="Review summary" className="mt-6"><p className="whitespace-pre-line text-sm">{q.reviewSummary}</p></Card> : null}
    </>
  );
}

function Answers({ q, editable }: { q: Awaited<ReturnType<typeof getQuestionnaire>>; editable: boolean }) {
  return (
    <div className="space-y-6">
      {q.template.sections.map((s) => (
        <section key={s.title} aria-labelledby={`s-${s.title}`}>
          <h2 id={`s-${s.title}`} className="mb-2 text-lg font-semibold">{s.title}</h2>
          <ol className="space-y-4">
            {s.questions.map((question) => {
              const a = q.answers[question.key];
              return (
                <li key={question.key} className="rounded-md border border-slate-200 bg-white p-3">
                  <p className="text-sm font-medium">{question.text}</p>
                  <p className="mt-1 whitespace-pre-line text-sm">{a?.answer || <span className="text-slate-600">No answer yet.</span>}</p>
                  {a?.attachmentUrl ? <p className="mt-1 text-sm">Document: <a href={a.attachmentUrl} rel="noopener noreferrer">{a.attachmentUrl}</a></p> : null}
                  {q.documents.some((d) => d.questionKey === question.key) ? (
                    <ul className="mt-1 text-sm" aria-label={`Documents attached to: ${question.text.slice(0, 80)}`}>
                      {q.documents.filter((d) => d.questionKey === question.key).map((d) => (
                        <li key={d.id} data-testid="vendor-document">
                          Attached: <a href={d.evidenceId ? `/api/v1/evidence/${d.evidenceId}/download` : `/api/v1/vendor-documents/${d.id}/download`}>{d.fileName}</a>{' '}
                          <span className="text-slate-700">({formatBytes(d.size)}, SHA-256 <code>{d.sha256.slice(0, 12)}…</code>){d.evidenceId ? ' · evidence' : ''}</span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {editable ? (
                    <TextAreaField label="Reviewer’s note" name={`notes.${question.key}`} defaultValue={a?.reviewNote ?? ''} rows={2} className="mt-2" />
                  ) : a?.reviewNote ? <p className="mt-1 text-sm text-slate-700">Reviewer’s note: {a.reviewNote}</p> : null}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
