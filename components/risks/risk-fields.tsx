import { Combobox, PersonPicker, SelectField, TextAreaField, TextField, type PickerOption } from '@/components/ui/form';
import { RISK_CATEGORIES } from '@/lib/risks/categories';
import type { ScaleLevel } from '@/lib/risks/scale';
import { REVIEW_CADENCES, TREATMENT_LABELS, TREATMENTS } from '@/lib/risks/schema';

export type RiskFormValues = {
  title: string;
  description: string;
  category: string;
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number | null;
  residualImpact: number | null;
  treatment: string;
  treatmentPlan: string | null;
  reviewCadenceDays: number;
  owner: PickerOption | null;
  systems: PickerOption[];
  models: PickerOption[];
  datasets: PickerOption[];
  requirements: PickerOption[];
  controls: PickerOption[];
};

const sourceTitle = (key: string) => (key === 'nist-ai-rmf' ? 'NIST AI RMF' : 'MIT AI Risk Repository');

/** The fields of a risk, for the register form and the edit form. */
export function RiskFields({ scale, values, idPrefix }: { scale: ScaleLevel[]; values?: RiskFormValues; idPrefix: string }) {
  const levels = (axis: 'LIKELIHOOD' | 'IMPACT', blank?: string) => [
    ...(blank ? [{ value: '', label: blank }] : []),
    ...scale.filter((s) => s.axis === axis).map((s) => ({ value: String(s.level), label: `${s.level} – ${s.label}` })),
  ];
  const id = (n: string) => `${idPrefix}-${n}`;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TextField label="Title" name="title" id={id('title')} required defaultValue={values?.title} />
      <SelectField label="Category" name="category" id={id('category')} defaultValue={values?.category ?? ''} placeholder="Choose a category" options={RISK_CATEGORIES.map((c) => ({ value: c.key, label: `${c.label} (${sourceTitle(c.source)})` }))} required />
      <TextAreaField label="Description" name="description" id={id('description')} rows={3} required className="md:col-span-2" defaultValue={values?.description} />
      <SelectField label="Inherent likelihood" name="inherentLikelihood" id={id('il')} options={levels('LIKELIHOOD')} defaultValue={String(values?.inherentLikelihood ?? 3)} />
      <SelectField label="Inherent impact" name="inherentImpact" id={id('ii')} options={levels('IMPACT')} defaultValue={String(values?.inherentImpact ?? 3)} />
      <SelectField label="Treatment" name="treatment" id={id('treatment')} options={TREATMENTS.filter((t) => t !== 'ACCEPT' || values?.treatment === 'ACCEPT').map((t) => ({ value: t, label: TREATMENT_LABELS[t] }))} defaultValue={values?.treatment ?? 'UNDECIDED'} hint="Acceptance is recorded by an approver on the risk's page." />
      <SelectField label="Review every" name="reviewCadenceDays" id={id('cadence')} options={REVIEW_CADENCES.map((d) => ({ value: String(d), label: `${d} days` }))} defaultValue={String(values?.reviewCadenceDays ?? 90)} />
      <SelectField label="Residual likelihood" name="residualLikelihood" id={id('rl')} options={levels('LIKELIHOOD', 'Not scored yet')} defaultValue={values?.residualLikelihood ? String(values.residualLikelihood) : ''} hint="After treatment; never above the inherent likelihood." />
      <SelectField label="Residual impact" name="residualImpact" id={id('ri')} options={levels('IMPACT', 'Not scored yet')} defaultValue={values?.residualImpact ? String(values.residualImpact) : ''} hint="After treatment; never above the inherent impact." />
      <TextAreaField label="Treatment plan and tasks" name="treatmentPlan" id={id('plan')} rows={2} className="md:col-span-2" defaultValue={values?.treatmentPlan ?? ''} />
      <PersonPicker label="Owner" name="ownerId" id={id('owner')} required defaultValue={values?.owner ?? null} />
      <Combobox multiple source="controls" label="Controls" name="controlIds" id={id('controls')} defaultValue={values?.controls} hint="Mitigating needs at least one." />
      <Combobox multiple source="systems" label="AI systems" name="systemIds" id={id('systems')} defaultValue={values?.systems} />
      <Combobox multiple source="models" label="Models" name="modelIds" id={id('models')} defaultValue={values?.models} />
      <Combobox multiple source="datasets" label="Datasets" name="datasetIds" id={id('datasets')} defaultValue={values?.datasets} />
      <Combobox multiple source="requirements" label="Requirements" name="requirementIds" id={id('requirements')} defaultValue={values?.requirements} />
    </div>
  );
}
