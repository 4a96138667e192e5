'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ActionForm, SelectField, SubmitButton, TextField, type FormAction } from '@/components/ui/form';
import { bulkUpdateCellsAction } from '@/lib/requirements/actions';
import type { FormHints } from '@/components/ui/form';
import { STATUS_LABELS, STATUSES, type Status } from '@/lib/requirements/schema/labels';

type Cell = { requirementId: string; systemId: string };

/** One status and one reason for every selected cell. */
export function BulkBar({ cells, hints, onClear, onDone }: { cells: Cell[]; hints: FormHints; onClear: () => void; onDone: (status: Status, justification: string | null, message: string) => void }) {
  const [status, setStatus] = useState<Status>('COMPLIANT');
  const count = cells.length;
  const sentJustification = useRef('');
  // The selection is not a form field: it travels with the typed values as one object.
  const apply: FormAction<unknown> = (prev, form) => {
    sentJustification.current = String(form.get('justification') ?? '');
    return bulkUpdateCellsAction(prev as never, { cells, status, reason: String(form.get('reason') ?? ''), justification: sentJustification.current });
  };
  return (
    <ActionForm
      action={apply}
      hints={hints}
      label="Bulk update"
      submit={null}
      resetOnSuccess
      className="mb-3 flex flex-wrap items-end gap-3 rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm"
      onResult={(res) => {
        if (!res.ok) return;
        onDone(status, sentJustification.current || null, res.message ?? `${count} cells updated.`);
      }}
    >
      <p className="font-medium">
        {count} cell{count === 1 ? '' : 's'} selected
      </p>
      <SelectField label="Set status to" name="status" value={status} onChange={(e) => setStatus(e.target.value as Status)} options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
      {status === 'NOT_APPLICABLE' ? <TextField label="Justification" name="justification" /> : null}
      <TextField label="Reason (recorded once for all)" name="reason" className="min-w-64 flex-1" />
      <SubmitButton pendingText="Updating…">{`Update ${count}`}</SubmitButton>
      <Button variant="secondary" onClick={onClear}>
        Clear selection
      </Button>
    </ActionForm>
  );
}
