import { CheckboxGroup, DateField, TextAreaField, TextField } from '@/components/ui/form';
import { DPIA_SECTIONS, FRIA_SECTIONS, RISK_LINE_HINT } from '@/lib/privacy/assessments/schema';
import { SCREENING_CRITERIA } from '@/lib/privacy/screening';

export type AssessmentValues = {
  kind: 'DPIA' | 'FRIA';
  title: string;
  screening: string[];
  sections: Record<string, string>;
  risks: { title: string; likelihood: number; severity: number; measures: string; residualLikelihood: number; residualSeverity: number }[];
  dpoAdvice: string;
  reviewDate: string | null;
};

/** Screening (WP248), the sections of a DPIA (and a FRIA's Art. 27 sections), risks, DPO advice and review date. */
export function AssessmentFields({ values, kind, idPrefix }: { values?: AssessmentValues; kind: 'DPIA' | 'FRIA' | 'both'; idPrefix: string }) {
  const id = (k: string) => `${idPrefix}-${k}`;
  const sections = { ...DPIA_SECTIONS, ...(kind === 'DPIA' ? {} : FRIA_SECTIONS) };
  return (
    <div className="grid gap-3">
      <TextField label="Title" name="title" id={id('title')} defaultValue={values?.title} required />
      <CheckboxGroup label="Screening: WP248 criteria met (two or more: a DPIA is required)" name="screening" id={id('screening')} options={Object.entries(SCREENING_CRITERIA).map(([value, label]) => ({ value, label }))} defaultValue={values?.screening} />
      {Object.entries(sections).map(([key, label]) => (
        <TextAreaField key={key} label={label} name={`section_${key}`} id={id(`section-${key}`)} rows={3} defaultValue={values?.sections[key]} />
      ))}
      <TextAreaField
        label="Risks to rights and freedoms, with measures"
        name="risks"
        id={id('risks')}
        rows={4}
        defaultValue={values?.risks.map((r) => [r.title, r.likelihood, r.severity, r.measures, r.residualLikelihood, r.residualSeverity].join(' | ')).join('\n')}
        hint={RISK_LINE_HINT}
      />
      <TextAreaField label="Data protection officer's advice" name="dpoAdvice" id={id('dpoAdvice')} rows={3} defaultValue={values?.dpoAdvice} hint="Required for a DPIA before sign-off (Art. 35(2))." />
      <DateField label="Review date" name="reviewDate" id={id('reviewDate')} defaultValue={values?.reviewDate?.slice(0, 10) ?? undefined} />
    </div>
  );
}
