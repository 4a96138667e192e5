'use client';

import { useState } from 'react';
import { ActionForm, CheckboxField, Combobox, DateTimeField, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { reportIncidentAction } from '@/lib/incidents/actions';
import { INCIDENT_TYPES, TYPE_LABELS, reportIncidentSchema } from '@/lib/incidents/schema';
import { assessSeverity, TREE_QUESTIONS, type TreeAnswers } from '@/lib/incidents/severity';

// Form field names of the tree questions that are also incident facts.
const FIELD_OF: Partial<Record<keyof TreeAnswers, string>> = {
  personalDataExposed: 'personalData',
  specialCategoryData: 'healthData',
  protectedGroupAffected: 'protectedGroup',
};

export function ReportIncidentForm() {
  const [answers, setAnswers] = useState<Partial<TreeAnswers>>({});
  const outcome = assessSeverity(answers);
  return (
    <ActionForm action={reportIncidentAction} schema={reportIncidentSchema} label="Report an incident" submit="Report incident" pendingText="Reporting…" resetOnSuccess={false} className="space-y-6">
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="Title" name="title" />
        <SelectField label="Type" name="type" defaultValue="" placeholder="Choose a type" options={INCIDENT_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))} />
        <TextAreaField label="What happened" name="description" rows={4} className="md:col-span-2" />
        <DateTimeField name="detectedAt" label="Detected at (your local time)" defaultNow hint="When the organisation became aware. Regulatory clocks start here." />
        <TextField label="Estimated people affected" name="peopleAffected" type="number" onChange={(e) => setAnswers((a) => ({ ...a, peopleAffected: Number(e.target.value) || 0 }))} />
      </div>

      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">Affected AI systems and models</legend>
        <Combobox label="AI systems" name="systemIds" source="systems" multiple hint="Type to search. A chosen model version adds its system." />
        <Combobox label="Models and versions" name="versionIds" source="model-versions" multiple />
      </fieldset>

      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium">Severity decision tree</legend>
        <p className="mb-3 text-xs text-slate-600">
          Answer each question. Each “yes” can only raise the severity; the answers and the outcome are stored with the incident. A compliance officer can override it later, with a reason.
        </p>
        <div className="space-y-2">
          {TREE_QUESTIONS.map((q) => (
            <CheckboxField
              key={q.key}
              name={FIELD_OF[q.key] ?? q.key}
              label={`${q.question}${q.raisesTo ? ` (yes → at least ${q.raisesTo})` : ''}`}
              onChange={(e) => setAnswers((a) => ({ ...a, [q.key]: e.target.checked }))}
            />
          ))}
        </div>
        <div className="mt-4 rounded-md bg-slate-50 p-3 text-sm" aria-live="polite" data-testid="tree-outcome">
          <p>
            Severity from the tree: <strong>{outcome.severity}</strong>
          </p>
          <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
            {outcome.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      </fieldset>
    </ActionForm>
  );
}
