'use client';

import { useState } from 'react';
import { ActionForm, TextAreaField, TextField } from '@/components/ui/form';
import { saveAnswersByLinkAction, submitAnswersByLinkAction } from '@/lib/vendors/actions';
import type { QuestionnaireTemplate } from '@/lib/vendors/templates';

type Saved = Record<string, { answer: string; attachmentUrl: string | null }>;

/** The vendor's form on the link page: save a draft as often as needed, submit once. */
export function QuestionnaireAnswerForm({ token, template, answers }: { token: string; template: QuestionnaireTemplate; answers: Saved }) {
  const [submitted, setSubmitted] = useState(false);
  if (submitted) return <p role="status" className="text-sm">Thank you: your answers were submitted. You can close this page.</p>;
  const fields = template.sections.map((s) => (
    <fieldset key={s.title} className="mb-6">
      <legend className="mb-2 text-lg font-semibold">{s.title}</legend>
      {s.questions.map((q) => (
        <div key={q.key} className="mb-4">
          <TextAreaField label={q.text} name={`answers.${q.key}`} hint={q.hint} defaultValue={answers[q.key]?.answer ?? ''} rows={3} />
          <TextField label="Link to a supporting document (optional)" name={`attachments.${q.key}`} type="url" defaultValue={answers[q.key]?.attachmentUrl ?? ''} className="mt-2" />
        </div>
      ))}
    </fieldset>
  ));
  return (
    <>
      <ActionForm action={saveAnswersByLinkAction} label="Questionnaire answers" submit="Save draft" fields={{ token }} resetOnSuccess={false} variant="secondary">
        {fields}
      </ActionForm>
      <div className="mt-6 border-t border-slate-200 pt-4">
        <p className="mb-2 text-sm text-slate-700">When every question is answered and saved, submit. After submitting, the answers can no longer be changed and this link stops working.</p>
        <ActionForm action={submitAnswersByLinkAction} label="Submit the questionnaire" submit="Submit answers" fields={{ token }} onResult={(r) => setSubmitted(r.ok)} />
      </div>
    </>
  );
}
