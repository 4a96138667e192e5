'use client';

import { useState } from 'react';
import { ActionForm, SelectField, TextAreaField, TextField, type FormHints } from '@/components/ui/form';
import { utcText } from '@/lib/format';
import { previewNotificationRuleAction, saveNotificationRuleAction } from '@/lib/incidents/actions';
import type { RulePreview } from '@/lib/incidents/rules/library';

type Props = {
  /** Definitions of the organisation's rules as JSON, by key (to start from one). */
  definitions: Record<string, string>;
  incidents: { id: string; title: string }[];
  template: string;
};

/**
 * Add or change a notification rule as JSON in the rule language, preview the
 * unsaved text against the sample incident or a real one, then save. Every
 * validation error is named by its path in the rule.
 */
export function RuleEditor({ definitions, incidents, template, hints }: Props & { hints: { rule: FormHints; preview: FormHints } }) {
  const [key, setKey] = useState('');
  const [json, setJson] = useState(template);
  const [preview, setPreview] = useState<RulePreview | null>(null);
  return (
    <div className="space-y-4">
      <ActionForm action={saveNotificationRuleAction} hints={hints.rule} label="Notification rule" submit="Save rule" resetOnSuccess={false}>
        <SelectField
          label="Start from"
          name="startFrom"
          defaultValue=""
          options={[{ value: '', label: 'A new rule (template)' }, ...Object.keys(definitions).map((k) => ({ value: k, label: k }))]}
          onChange={(e) => {
            const k = e.target.value;
            setKey(k);
            setJson(k ? definitions[k] : template);
            setPreview(null);
          }}
        />
        <TextField label="Key" name="key" value={key} onChange={(e) => setKey(e.target.value)} placeholder="e.g. us-nj-breach-residents" hint="The same key replaces the rule." />
        <TextAreaField
          label="Rule (JSON)"
          name="definition"
          rows={18}
          spellCheck={false}
          className="font-mono"
          value={json}
          onChange={(e) => setJson(e.target.value)}
          hint="appliesWhen, limits, promptness, recipient, citation, sourceUrl, group, draft: see docs/incidents.md."
        />
        <SelectField label="Active" name="active" defaultValue="true" options={[{ value: 'true', label: 'Active' }, { value: 'false', label: 'Inactive' }]} />
      </ActionForm>
      <ActionForm
        action={previewNotificationRuleAction}
        hints={hints.preview}
        label="Preview the rule"
        submit="Preview"
        variant="secondary"
        fields={{ key, definition: json }}
        resetOnSuccess={false}
        onResult={(r) => setPreview(r.ok ? r.data : null)}
      >
        <SelectField label="Preview against" name="incidentId" defaultValue="" options={[{ value: '', label: 'The sample incident (EU and US, health data, 1,200 people)' }, ...incidents.map((i) => ({ value: i.id, label: i.title }))]} />
      </ActionForm>
      {preview ? (
        <div className="rounded-md bg-slate-50 p-3 text-sm" aria-live="polite" data-testid="rule-preview">
          <p>
            <strong>{preview.applies ? 'Applies' : 'Does not apply'}</strong> to {preview.sample}.
          </p>
          <p className="mt-1">When: {preview.conditionText}</p>
          <p>Deadline: {preview.deadlineText}</p>
          {preview.obligation ? (
            <>
              <p>
                Due: {preview.obligation.dueAt ? utcText(preview.obligation.dueAt) : preview.obligation.waitingFor ? `waiting for ${preview.obligation.waitingFor}` : 'no outer limit'}
              </p>
              <ul className="list-disc pl-5">
                {preview.obligation.why.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
