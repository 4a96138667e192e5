'use client';

import { useState } from 'react';
import { ActionForm, SelectField, TextField, type FormHints } from '@/components/ui/form';
import { sendQuestionnaireAction } from '@/lib/vendors/actions';
import { QUESTIONNAIRE_TEMPLATES } from '@/lib/vendors/templates';

/** Sends a questionnaire and shows its link once (only its hash is kept). */
export function SendQuestionnaireForm({ vendorId, recipient, hints }: { vendorId: string; recipient: string; hints: FormHints }) {
  const [path, setPath] = useState<string | null>(null);
  return (
    <ActionForm
      action={sendQuestionnaireAction}
      hints={hints}
      label="Send a questionnaire"
      submit="Send questionnaire"
      pendingText="Sending…"
      fields={{ vendorId }}
      className="grid gap-4 md:grid-cols-2"
      onResult={(r) => setPath(r.ok ? r.data.linkPath : null)}
    >
      <SelectField label="Questionnaire" name="templateKey" options={QUESTIONNAIRE_TEMPLATES.map((t) => ({ value: t.key, label: t.title }))} defaultValue="ai-specific" />
      <TextField label="Link valid for (days)" name="expiresInDays" type="number" defaultValue="30" min={1} max={90} />
      {path ? (
        <div className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm md:col-span-2" data-testid="questionnaire-link">
          <p className="font-medium">Send this link to {recipient} (shown once):</p>
          <code className="break-all">{`${window.location.origin}${path}`}</code>
        </div>
      ) : null}
    </ActionForm>
  );
}
