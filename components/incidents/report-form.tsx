'use client';

import { useActionState, useState } from 'react';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { reportIncidentAction } from '@/lib/incidents/actions';
import { DATA_CATEGORIES, DATA_CATEGORY_KEYS, ENTITY_ROLE_KEYS, ENTITY_ROLES, FLAGS, type Flag } from '@/lib/incidents/rules/language';
import { DEFAULT_ENTITY_ROLES, INCIDENT_TYPES, SETTABLE_FLAGS, TYPE_LABELS } from '@/lib/incidents/schema';
import { assessSeverity, TREE_QUESTIONS, type TreeAnswers } from '@/lib/incidents/severity';
import { DateTimeField } from './datetime-field';

type Options = {
  systems: { id: string; name: string }[];
  models: { id: string; key: string; name: string; system: string; versions: { id: string; label: string; stage: string }[] }[];
};

// Form field names of the tree questions that are also incident facts.
const FIELD_OF: Partial<Record<keyof TreeAnswers, string>> = {
  protectedGroupAffected: 'protectedGroup',
};
// Answered by the data categories below (so biometric data is never mistaken for PHI).
const FROM_DATA: readonly (keyof TreeAnswers)[] = ['personalDataExposed', 'specialCategoryData'];
const SPECIAL: readonly string[] = ['SPECIAL_CATEGORY', 'PHI', 'BIOMETRIC', 'MEDICAL'];
// The tree already asks these in the laws' sense (death, serious harm to health, fundamental rights).
const FROM_TREE: readonly Flag[] = ['death', 'seriousHealthHarm', 'fundamentalRightsInfringement'];

export function ReportIncidentForm({ options }: { options: Options }) {
  const [state, action] = useActionState(reportIncidentAction, null);
  const [answers, setAnswers] = useState<Partial<TreeAnswers>>({});
  const [categories, setCategories] = useState<string[]>([]);
  const onCategory = (key: string, on: boolean) => {
    const next = on ? [...categories, key] : categories.filter((c) => c !== key);
    setCategories(next);
    setAnswers((a) => ({ ...a, personalDataExposed: next.length > 0, specialCategoryData: next.some((c) => SPECIAL.includes(c)) }));
  };
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const outcome = assessSeverity(answers);
  return (
    <form action={action} className="space-y-6" aria-label="Report an incident">
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="Title" name="title" required maxLength={200} errors={errors?.title} />
        <SelectField
          label="Type"
          name="type"
          required
          errors={errors?.type}
          defaultValue=""
          options={[{ value: '', label: 'Choose a type' }, ...INCIDENT_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))]}
        />
        <TextAreaField label="What happened" name="description" rows={4} required className="md:col-span-2" errors={errors?.description} />
        <DateTimeField name="detectedAt" label="Detected at (your local time)" defaultNow required hint="When the organisation became aware. Regulatory clocks start here." />
        <TextField
          label="Estimated people affected"
          name="peopleAffected"
          type="number"
          min={0}
          errors={errors?.peopleAffected}
          onChange={(e) => setAnswers((a) => ({ ...a, peopleAffected: Number(e.target.value) || 0 }))}
        />
      </div>
      {errors?.detectedAt ? <p className="text-xs font-medium text-red-700" role="alert">Detected at: {errors.detectedAt.join(' ')}</p> : null}

      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">Affected AI systems and models</legend>
        <div>
          <label htmlFor="systemIds" className="block text-sm font-medium">AI systems</label>
          <select id="systemIds" name="systemIds" multiple className="mt-1 block h-28 w-full rounded-md border border-slate-300 p-1 text-sm" aria-describedby="systems-hint">
            {options.systems.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
          <p id="systems-hint" className="text-xs text-slate-600">Ctrl/Cmd-click to choose several. A chosen model adds its system.</p>
          {errors?.systemIds ? <p className="text-xs font-medium text-red-700" role="alert">{errors.systemIds.join(' ')}</p> : null}
        </div>
        <div>
          <label htmlFor="versionIds" className="block text-sm font-medium">Models and versions</label>
          <select id="versionIds" name="versionIds" multiple className="mt-1 block h-28 w-full rounded-md border border-slate-300 p-1 text-sm">
            {options.models.map((m) => (
              <optgroup key={m.id} label={`${m.key} (${m.system})`}>
                {m.versions.map((v) => (
                  <option key={v.id} value={v.id}>{`${m.key} ${v.label} — ${v.stage.toLowerCase()}`}</option>
                ))}
              </optgroup>
            ))}
          </select>
          {errors?.versionIds || errors?.modelIds ? (
            <p className="text-xs font-medium text-red-700" role="alert">{[...(errors.versionIds ?? []), ...(errors.modelIds ?? [])].join(' ')}</p>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium">Severity decision tree</legend>
        <p className="mb-3 text-xs text-slate-600">Answer each question. Each “yes” can only raise the severity; the answers and the outcome are stored with the incident. A compliance officer can override it later, with a reason.</p>
        <div className="space-y-2">
          {TREE_QUESTIONS.filter((q) => !FROM_DATA.includes(q.key)).map((q) => {
            const field = FIELD_OF[q.key] ?? q.key;
            return (
              <label key={q.key} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name={field}
                  className="mt-1"
                  onChange={(e) => setAnswers((a) => ({ ...a, [q.key]: e.target.checked }))}
                />
                <span>
                  {q.question}
                  {q.raisesTo ? <span className="ml-1 text-xs text-slate-600">(yes → at least {q.raisesTo})</span> : null}
                </span>
              </label>
            );
          })}
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

      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium">Notification facts (decide which regulators to tell, and by when)</legend>
        <div className="grid gap-4 md:grid-cols-2">
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">Data involved (also answers the tree’s data questions)</legend>
            <input type="hidden" name="dataCategories[]" value="" />
            {DATA_CATEGORY_KEYS.map((k) => (
              <label key={k} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="dataCategories[]" value={k} className="mt-1" onChange={(e) => onCategory(k, e.target.checked)} />
                <span>{DATA_CATEGORIES[k]}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">Our organisation’s role</legend>
            <input type="hidden" name="entityRoles[]" value="" />
            {ENTITY_ROLE_KEYS.map((k) => (
              <label key={k} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="entityRoles[]" value={k} className="mt-1" defaultChecked={DEFAULT_ENTITY_ROLES.includes(k)} />
                <span>{ENTITY_ROLES[k]}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="space-y-1 md:col-span-2">
            <legend className="text-sm font-medium text-slate-800">What happened, in the laws’ terms</legend>
            <input type="hidden" name="notificationFlags[]" value="" />
            {SETTABLE_FLAGS.filter((f) => !FROM_TREE.includes(f)).map((k) => (
              <label key={k} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="notificationFlags[]" value={k} className="mt-1" />
                <span>{FLAGS[k]}</span>
              </label>
            ))}
          </fieldset>
          <TextField
            label="Affected people by residence"
            name="residents"
            hint="e.g. US-CA: 600, US-NY: 20, EU: 40 (state and jurisdiction thresholds count these)"
            errors={errors?.residents}
            className="md:col-span-2"
          />
        </div>
      </fieldset>

      <FormMessage state={state} />
      <SubmitButton pendingText="Reporting…">Report incident</SubmitButton>
    </form>
  );
}
