'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useActionForm } from '@/components/ui/use-action-form';
import { previewNotificationRuleAction, saveNotificationRuleAction } from '@/lib/incidents/actions';

type Props = {
  /** Definitions of the organisation's rules as JSON, by key (to start from one). */
  definitions: Record<string, string>;
  incidents: { id: string; title: string }[];
  template: string;
};

/**
 * Add or change a notification rule as JSON in the rule language, preview it
 * against the sample incident or a real one, then save. Every validation
 * error is named by its path in the rule.
 */
export function RuleEditor({ definitions, incidents, template }: Props) {
  const save = useActionForm(saveNotificationRuleAction, { resetOnSuccess: false });
  const preview = useActionForm(previewNotificationRuleAction, { resetOnSuccess: false });
  const [key, setKey] = useState('');
  const [json, setJson] = useState(template);
  const [intent, setIntent] = useState<'save' | 'preview'>('save');
  const shown = intent === 'preview' ? preview.state : save.state;
  const errors = shown && !shown.ok ? (shown.fieldErrors ?? {}) : {};
  const definitionErrors = Object.entries(errors).filter(([k]) => k === 'definition' || k.startsWith('definition.')).map(([k, v]) => `${k === 'definition' ? 'definition' : k.slice('definition.'.length)}: ${v.join(' ')}`);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const next = submitter?.value === 'preview' ? 'preview' : 'save';
    setIntent(next);
    (next === 'preview' ? preview : save).formProps.onSubmit(event);
  };
  const result = intent === 'preview' && preview.state?.ok ? preview.state.data : null;

  return (
    <form onSubmit={onSubmit} aria-label="Notification rule" className="space-y-3">
      <SelectField
        id="rule-start"
        label="Start from"
        name="startFrom"
        defaultValue=""
        options={[{ value: '', label: 'A new rule (template)' }, ...Object.keys(definitions).map((k) => ({ value: k, label: k }))]}
        onChange={(e) => {
          const k = e.target.value;
          setKey(k);
          setJson(k ? definitions[k] : template);
        }}
      />
      <TextField id="rule-key" label="Key" name="key" required value={key} onChange={(e) => setKey(e.target.value)} placeholder="e.g. us-nj-breach-residents" errors={errors.key} hint="The same key replaces the rule." />
      <TextAreaField
        id="rule-definition"
        label="Rule (JSON)"
        name="definition"
        rows={18}
        spellCheck={false}
        className="font-mono"
        value={json}
        onChange={(e) => setJson(e.target.value)}
        errors={definitionErrors.length ? definitionErrors : undefined}
        hint="appliesWhen, limits, promptness, recipient, citation, sourceUrl, group, draft: see docs/incidents.md."
      />
      <SelectField id="rule-active" label="Active" name="active" defaultValue="true" options={[{ value: 'true', label: 'Active' }, { value: 'false', label: 'Inactive' }]} />
      <SelectField id="rule-sample" label="Preview against" name="incidentId" defaultValue="" options={[{ value: '', label: 'The sample incident (EU and US, health data, 1,200 people)' }, ...incidents.map((i) => ({ value: i.id, label: i.title }))]} />
      <FormMessage state={shown} />
      {result ? (
        <div className="rounded-md bg-slate-50 p-3 text-sm" aria-live="polite" data-testid="rule-preview">
          <p>
            <strong>{result.applies ? 'Applies' : 'Does not apply'}</strong> to {result.sample}.
          </p>
          <p className="mt-1">When: {result.conditionText}</p>
          <p>Deadline: {result.deadlineText}</p>
          {result.obligation ? (
            <>
              <p>Due: {result.obligation.dueAt ? `${result.obligation.dueAt.slice(0, 16).replace('T', ' ')} UTC` : result.obligation.waitingFor ? `waiting for ${result.obligation.waitingFor}` : 'no outer limit'}</p>
              <ul className="list-disc pl-5">
                {result.obligation.why.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" name="intent" value="preview" disabled={preview.pending}>
          Preview
        </Button>
        <Button type="submit" name="intent" value="save" disabled={save.pending}>
          Save rule
        </Button>
      </div>
    </form>
  );
}
