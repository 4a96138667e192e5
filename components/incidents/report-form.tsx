'use client';

import { useState } from 'react';
import { ActionForm, CheckboxField, CheckboxGroup, Combobox, DateTimeField, SelectField, TextAreaField, TextField, type FormHints } from '@/components/ui/form';
import { reportIncidentAction } from '@/lib/incidents/actions';
import { DATA_CATEGORIES, DATA_CATEGORY_KEYS, ENTITY_ROLE_KEYS, ENTITY_ROLES, FLAGS, type Flag } from '@/lib/incidents/rules/vocabulary';
import { DEFAULT_ENTITY_ROLES, INCIDENT_TYPES, SETTABLE_FLAGS, TYPE_LABELS } from '@/lib/incidents/labels';
import { assessSeverity, TREE_QUESTIONS, type TreeAnswers } from '@/lib/incidents/severity';

// Form field names of the tree questions that are also incident facts.
const FIELD_OF: Partial<Record<keyof TreeAnswers, string>> = {
  protectedGroupAffected: 'protectedGroup',
};
// Answered by the data categories below (so biometric data is never mistaken for PHI).
const FROM_DATA: readonly (keyof TreeAnswers)[] = ['personalDataExposed', 'specialCategoryData'];
const SPECIAL: readonly string[] = ['SPECIAL_CATEGORY', 'PHI', 'BIOMETRIC', 'MEDICAL'];
// The tree already asks these in the laws' sense (death, serious harm to health, fundamental rights).
const FROM_TREE: readonly Flag[] = ['death', 'seriousHealthHarm', 'fundamentalRightsInfringement'];
const DATA_OPTIONS = DATA_CATEGORY_KEYS.map((k) => ({ value: k, label: DATA_CATEGORIES[k] }));
const ROLE_OPTIONS = ENTITY_ROLE_KEYS.map((k) => ({ value: k, label: ENTITY_ROLES[k] }));
const FLAG_OPTIONS = SETTABLE_FLAGS.filter((f) => !FROM_TREE.includes(f)).map((k) => ({ value: k, label: FLAGS[k] }));

export function ReportIncidentForm({ hints }: { hints: FormHints }) {
  const [answers, setAnswers] = useState<Partial<TreeAnswers>>({});
  const [categories, setCategories] = useState<string[]>([]);
  const toggleCategory = (key: string) => {
    const next = categories.includes(key) ? categories.filter((c) => c !== key) : [...categories, key];
    setCategories(next);
    setAnswers((a) => ({ ...a, personalDataExposed: next.length > 0, specialCategoryData: next.some((c) => SPECIAL.includes(c)) }));
  };
  const outcome = assessSeverity(answers);
  return (
    <ActionForm action={reportIncidentAction} hints={hints} label="Report an incident" submit="Report incident" pendingText="Reporting…" resetOnSuccess={false} className="space-y-6">
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
          {TREE_QUESTIONS.filter((q) => !FROM_DATA.includes(q.key)).map((q) => (
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

      <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium">Notification facts (which regulators to tell, and by when)</legend>
        {/* Each group is sent even when nothing is ticked, so "none" is not read as "not answered". */}
        <input type="hidden" name="dataCategories[]" value="" />
        <CheckboxGroup label="Data involved (also answers the tree’s data questions)" name="dataCategories" options={DATA_OPTIONS} value={categories} onChange={toggleCategory} columns="md:grid-cols-2" />
        <input type="hidden" name="entityRoles[]" value="" />
        <CheckboxGroup label="Our organisation’s role" name="entityRoles" options={ROLE_OPTIONS} defaultValue={DEFAULT_ENTITY_ROLES} columns="md:grid-cols-2" />
        <input type="hidden" name="notificationFlags[]" value="" />
        <CheckboxGroup label="What happened, in the laws’ terms" name="notificationFlags" options={FLAG_OPTIONS} columns="grid-cols-1" />
        <TextField label="Affected people by residence" name="residents" hint="e.g. US-CA: 600, US-NY: 20, EU: 40 (state and jurisdiction thresholds count these)" />
      </fieldset>
    </ActionForm>
  );
}
