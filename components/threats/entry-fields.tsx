import { Combobox, SelectField, TextAreaField, type PickerOption } from '@/components/ui/form';
import { THREAT_STATUS_LABELS, THREAT_STATUSES } from '@/lib/threats/components';

const LEVELS = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

export type EntryFormValues = { likelihood: number; impact: number; status: string; atlasMitigations: PickerOption[]; controls: PickerOption[]; risks: PickerOption[]; notes: string };

/** Scores, status and mitigations of one technique entry (the add and edit forms). */
export function EntryFields({ idPrefix, values }: { idPrefix: string; values?: EntryFormValues }) {
  const id = (n: string) => `${idPrefix}-${n}`;
  return (
    <>
      <SelectField label="Likelihood" name="likelihood" id={id('likelihood')} options={LEVELS} defaultValue={String(values?.likelihood ?? 3)} />
      <SelectField label="Impact" name="impact" id={id('impact')} options={LEVELS} defaultValue={String(values?.impact ?? 3)} />
      <SelectField label="Status" name="status" id={id('status')} options={THREAT_STATUSES.map((s) => ({ value: s, label: THREAT_STATUS_LABELS[s] }))} defaultValue={values?.status ?? 'IDENTIFIED'} />
      <Combobox label="ATLAS mitigations" name="atlasMitigationIds" id={id('mitigations')} source="atlas-mitigations" multiple defaultValue={values?.atlasMitigations} placeholder="Type AML.M… or a name" />
      <Combobox label="Controls" name="controlIds" id={id('controls')} source="controls" multiple defaultValue={values?.controls} />
      <Combobox label="Risks it feeds" name="riskIds" id={id('risks')} source="risks" multiple defaultValue={values?.risks} />
      <TextAreaField label="Notes" name="notes" id={id('notes')} rows={2} className="md:col-span-2" defaultValue={values?.notes} />
    </>
  );
}
