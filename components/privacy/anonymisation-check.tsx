'use client';

import { useState } from 'react';
import { ActionForm, Combobox, FileField, TextField, type FormAction } from '@/components/ui/form';
import { Table, Td } from '@/components/ui/table';

type Figures = {
  rows: number; quasiIdentifiers: string[]; sensitive: string | null; classes: number; k: number; classesBelowK: number; rowsBelowK: number;
  l: number | null; classesBelowL: number; kThreshold: number; lThreshold: number; warnings: string[]; dataset: string | null;
};

/** The check's form and, after a run, its figures (nothing from the sample is kept). */
export function AnonymisationCheck({ action }: { action: FormAction<Figures> }) {
  const [figures, setFigures] = useState<Figures | null>(null);
  return (
    <>
      <ActionForm action={action} label="Anonymisation check" submit="Check the sample" resetOnSuccess={false} onResult={(r) => setFigures(r.ok && r.data ? r.data : null)}>
        <div className="grid gap-3 sm:grid-cols-2">
          <FileField name="file" label="CSV sample" accept=".csv,text/csv" required hint="First row: column names. Up to 900 KB; read in memory and not stored." />
          <TextField label="Quasi-identifiers" name="quasiIdentifiers" required hint="Column names separated by commas, e.g. age band, postcode, sex." />
          <TextField label="Sensitive attribute" name="sensitive" hint="A column whose value must not be disclosed (for l-diversity)." />
          <TextField label="Threshold k" name="k" type="number" min={2} max={1000} defaultValue="5" />
          <Combobox source="datasets" label="Dataset the sample comes from" name="datasetId" hint="Optional; its owner may run the check." />
        </div>
      </ActionForm>
      {figures ? (
        <div className="mt-4 space-y-3" data-testid="anonymisation-figures">
          {figures.warnings.length ? (
            <div role="alert" className="rounded-md border-2 border-red-800 bg-red-50 p-3 text-sm">
              <p className="font-semibold">The sample is not safely anonymous</p>
              <ul className="list-disc pl-5">{figures.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
            </div>
          ) : (
            <p role="status" className="rounded-md border-2 border-green-800 bg-green-50 p-3 text-sm">No class is below k = {figures.kThreshold}{figures.l !== null ? ` and every class has at least ${figures.lThreshold} distinct values of ${figures.sensitive}` : ''}.</p>
          )}
          <Table caption="Anonymisation figures" columns={['Figure', 'Value']}>
            <tr><Td>Rows</Td><Td>{figures.rows}</Td></tr>
            <tr><Td>Quasi-identifiers</Td><Td>{figures.quasiIdentifiers.join(', ')}</Td></tr>
            <tr><Td>Equivalence classes</Td><Td>{figures.classes}</Td></tr>
            <tr><Td>k (smallest class)</Td><Td>{figures.k}</Td></tr>
            <tr><Td>Classes below k = {figures.kThreshold}</Td><Td>{figures.classesBelowK} ({figures.rowsBelowK} rows)</Td></tr>
            <tr><Td>l (fewest distinct {figures.sensitive ?? 'sensitive'} values in a class)</Td><Td>{figures.l ?? 'no sensitive attribute'}</Td></tr>
          </Table>
        </div>
      ) : null}
    </>
  );
}
