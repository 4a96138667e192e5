import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { ActionForm, FileField, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { linkDatasetAction, updateArtifactAction, updateModelCardAction, uploadFairnessAction } from '@/lib/models/actions';
import type { VersionView } from '@/lib/models/queries';
import { artifactFormSchema, CARD_SECTIONS, cardFormSchema, fairnessFormSchema, lineageFormSchema } from '@/lib/models/schema';

type Dataset = { id: string; name: string; classification: string };

/** The forms that record a version's results (shown while the version is editable). */
export function RecordResults({ v, datasets }: { v: VersionView; datasets: Dataset[] }) {
  const ref = { model: v.model.key, version: v.label };
  return (
    <section className="no-print mt-8 space-y-4" aria-labelledby="edit-heading">
      <h2 id="edit-heading">Record results</h2>
      <Card title="Upload fairness results">
        <ActionForm action={uploadFairnessAction} schema={fairnessFormSchema} fields={ref} submit="Upload" pendingText="Uploading…" label="Upload fairness results">
          <div className="grid gap-4 md:grid-cols-3">
            <SelectField label="File contains" name="kind" options={[{ value: 'groups', label: 'Per-group results' }, { value: 'predictions', label: 'Per-prediction rows (y_true, y_pred, group)' }]} />
            <TextField label="Group attribute (for predictions)" name="attribute" placeholder="e.g. sex" />
            <FileField label="CSV or JSON file" name="file" accept=".csv,.json,text/csv,application/json" />
          </div>
          <TextAreaField label="…or paste CSV / JSON" name="text" rows={4} hint="Per-group CSV columns: attribute, group, count, positives, accuracy, precision, recall, selection_rate. Predictions CSV: y_true, y_pred, group." />
        </ActionForm>
      </Card>
      <Card title="Artifact, metrics, robustness, explainability">
        <ActionForm action={updateArtifactAction} schema={artifactFormSchema} fields={ref} submit="Save" label="Edit artifact and results" resetOnSuccess={false}>
          <div className="grid gap-4 md:grid-cols-2">
            <TextField label="Framework / library" name="framework" defaultValue={v.framework} />
            <TextField label="Artifact URI" name="artifactUri" defaultValue={v.artifactUri ?? ''} />
            <TextField label="Artifact SHA-256 digest" name="artifactDigest" defaultValue={v.artifactDigest ?? ''} />
            <TextField label="Artifact size (bytes)" name="artifactSize" type="number" min={0} defaultValue={v.artifactSize ?? ''} />
            <TextAreaField
              label="Metrics"
              name="metrics"
              rows={4}
              className="md:col-span-2"
              hint="One per line: name, value, >= or <=, threshold"
              defaultValue={v.metrics.map((m) => `${m.name}, ${m.value}, ${m.direction === 'AT_MOST' ? '<=' : '>='}, ${m.threshold ?? ''}`).join('\n')}
            />
            <TextAreaField label="Robustness results (JSON)" name="robustness" rows={4} hint='[{"method":"PGD","budget":0.03,"metric":"accuracy","cleanValue":0.9,"attackedValue":0.7}]' defaultValue={v.robustness.length ? JSON.stringify(v.robustness) : ''} />
            <TextAreaField label="Explainability summary (JSON)" name="explainability" rows={4} hint='{"method":"SHAP","features":[{"name":"age","meanAbsAttribution":0.21}]}' defaultValue={v.explainability ? JSON.stringify(v.explainability) : ''} />
          </div>
        </ActionForm>
      </Card>
      <Card title="Link a dataset">
        {datasets.length === 0 ? (
          <p className="text-sm">
            Register datasets on the <Link href="/datasets">datasets page</Link> first.
          </p>
        ) : (
          <ActionForm action={linkDatasetAction} schema={lineageFormSchema} fields={ref} submit="Link dataset" label="Link a dataset">
            <div className="grid gap-4 md:grid-cols-2">
              <SelectField label="Dataset" name="dataset" options={datasets.map((d) => ({ value: d.id, label: `${d.name} (${d.classification.toLowerCase()})` }))} />
              <SelectField label="Used for" name="role" options={[{ value: 'TRAINING', label: 'Training' }, { value: 'EVALUATION', label: 'Evaluation' }]} />
              <TextAreaField label="Transformations" name="transformation" rows={2} />
              <TextAreaField label="Steps (one per line, in order)" name="steps" rows={2} />
            </div>
          </ActionForm>
        )}
      </Card>
      <Card title="Model card">
        <p className="mb-3 text-sm text-slate-700">{v.cardMissing.length ? `Still to write: ${v.cardMissing.join(', ')}.` : 'Every section is written.'}</p>
        <ActionForm action={updateModelCardAction} schema={cardFormSchema} fields={ref} submit="Save model card" label="Edit the model card" resetOnSuccess={false}>
          {CARD_SECTIONS.map(([key, label]) => (
            <TextAreaField key={key} label={label} name={key} rows={3} defaultValue={v.card[key] ?? ''} />
          ))}
        </ActionForm>
      </Card>
    </section>
  );
}
