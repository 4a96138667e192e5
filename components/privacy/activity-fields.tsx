import { CheckboxField, Combobox, SelectField, TextAreaField, TextField, type PickerOption } from '@/components/ui/form';
import { LEGAL_BASES, PROCESSING_ROLES, SAFEGUARDS } from '@/lib/privacy/schema';
import type { ActivityRecord } from '@/lib/privacy/ropa';

// The record's own fields, with its links as picker options for the form.
export type ActivityValues = Omit<ActivityRecord, 'systemIds' | 'datasetIds'> & {
  systemLinks: PickerOption[];
  datasetLinks: PickerOption[];
};

const ROLE_LABELS: Record<(typeof PROCESSING_ROLES)[number], string> = { CONTROLLER: 'Controller', JOINT_CONTROLLER: 'Joint controller', PROCESSOR: 'Processor' };

/** The fields of a record of processing (Art. 30(1)); lists are typed one per line or separated by semicolons. */
export function ActivityFields({ values, idPrefix }: { values?: ActivityValues; idPrefix: string }) {
  const id = (k: string) => `${idPrefix}-${k}`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField label="Activity name" name="name" id={id('name')} defaultValue={values?.name} required />
      <SelectField label="Role" name="role" id={id('role')} defaultValue={values?.role ?? 'CONTROLLER'} options={PROCESSING_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      <TextField label="Controller name" name="controllerName" id={id('controllerName')} defaultValue={values?.controllerName} />
      <TextField label="Contact (DPO or representative)" name="contact" id={id('contact')} defaultValue={values?.contact} />
      <TextAreaField
        className="sm:col-span-2"
        label="Purposes and legal basis"
        name="purposes"
        id={id('purposes')}
        rows={3}
        defaultValue={values?.purposes.map((p) => [p.purpose, p.legalBasis, p.art9Condition ?? ''].join(' | ').replace(/ \| $/, '')).join('\n')}
        hint={`One purpose per line: purpose | legal basis (${LEGAL_BASES.join(', ')}) | Art. 9(2) letter for special categories.`}
      />
      <TextAreaField label="Categories of data subjects" name="subjectCategories" id={id('subjectCategories')} rows={2} defaultValue={values?.subjectCategories.join('; ')} hint="Separated by semicolons." />
      <TextAreaField label="Categories of personal data" name="dataCategories" id={id('dataCategories')} rows={2} defaultValue={values?.dataCategories.join('; ')} hint="Separated by semicolons." />
      <CheckboxField label="Special categories of data (Art. 9)" name="specialCategories" id={id('specialCategories')} defaultChecked={values?.specialCategories} />
      <TextAreaField label="Recipients" name="recipients" id={id('recipients')} rows={2} defaultValue={values?.recipients.join('; ')} hint="Separated by semicolons." />
      <TextAreaField
        label="Transfers to third countries"
        name="transfers"
        id={id('transfers')}
        rows={2}
        defaultValue={values?.transfers.map((t) => `${t.country} | ${t.safeguard}`).join('\n')}
        hint={`One per line: country | safeguard (${SAFEGUARDS.join(', ')}).`}
      />
      <TextField label="Retention" name="retention" id={id('retention')} defaultValue={values?.retention} />
      <TextAreaField className="sm:col-span-2" label="Security measures" name="securityMeasures" id={id('securityMeasures')} rows={2} defaultValue={values?.securityMeasures} />
      <Combobox multiple source="systems" label="AI systems" name="systemIds" id={id('systems')} defaultValue={values?.systemLinks} />
      <Combobox multiple source="datasets" label="Datasets" name="datasetIds" id={id('datasets')} defaultValue={values?.datasetLinks} />
    </div>
  );
}
