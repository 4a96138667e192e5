'use client';

import { useState } from 'react';
import { ActionForm, SubmitButton, TextAreaField, TextField } from '@/components/ui/form';
import { answerByLinkAction } from '@/lib/vendors/actions';
import type { QuestionnaireTemplate } from '@/lib/vendors/templates';

type Saved = Record<string, { answer: string; attachmentUrl: string | null }>;

/**
 * The vendor's form on the link page: one form with two buttons. "Save
 * draft" keeps what is typed as often as needed; "Submit answers" sends the
 * same fields, so nothing typed since the last draft is lost and an
 * unanswered question is marked on the question itself.
 */
export function QuestionnaireAnswerForm({ token, template, answers, documents = [] }: { token: string; template: QuestionnaireTemplate; answers: Saved; documents?: { id: string; questionKey: string; fileName: string }[] }) {
  const [submitted, setSubmitted] = useState(false);
  if (submitted) return <p role="status" className="text-sm">Thank you: your answers were submitted. You can close this page.</p>;
  return (
    <ActionForm action={answerByLinkAction} label="Questionnaire answers" submit={null} fields={{ token }} resetOnSuccess={false} onResult={(r) => setSubmitted(r.ok && r.data.submitted)}>
      {template.sections.map((s) => (
        <fieldset key={s.title} className="mb-6">
          <legend className="mb-2 text-lg font-semibold">{s.title}</legend>
          {s.questions.map((q) => (
            <div key={q.key} className="mb-4">
              <TextAreaField label={q.text} name={`answers.${q.key}`} hint={q.hint} defaultValue={answers[q.key]?.answer ?? ''} rows={3} />
              <TextField label="Link to a supporting document (optional)" name={`attachments.${q.key}`} type="url" defaultValue={answers[q.key]?.attachmentUrl ?? ''} className="mt-2" />
              {documents.some((d) => d.questionKey === q.key) ? (
                <p className="mt-1 text-sm text-slate-700">Attached: {documents.filter((d) => d.questionKey === q.key).map((d) => d.fileName).join(', ')}</p>
              ) : null}
            </div>
          ))}
        </fieldset>
      ))}
      <div className="border-t border-slate-200 pt-4">
        <p className="mb-3 text-sm text-slate-700">Save a draft as often as you like. When every question is answered, submit: after submitting, the answers can no longer be changed and this link stops working.</p>
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="intent" value="save" variant="secondary" pendingText="Saving…">Save draft</SubmitButton>
          <SubmitButton name="intent" value="submit" pendingText="Submitting…">Submit answers</SubmitButton>
        </div>
      </div>
    </ActionForm>
  );
}
