'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ActionForm, SelectField, SubmitButton, TextAreaField, TextField } from '@/components/ui/form';
import { updateCellAction } from '@/lib/requirements/actions';
import type { FormHints } from '@/components/ui/form';
import type { MatrixCellView, MatrixRow, MatrixSystem } from '@/lib/requirements/schema';
import { STATUS_LABELS, STATUSES, type Status } from '@/lib/requirements/schema/labels';

/** Edits one matrix cell in place; Esc closes it and gives focus back to the cell. */
export function CellEditor({ row, system, systemIndex, style, hints, onClose, onSaved }: { row: MatrixRow; hints: FormHints; system: MatrixSystem; systemIndex: number; style: { top: number; left: number }; onClose: () => void; onSaved: (cell: Partial<MatrixCellView>, message: string) => void }) {
  const cell = row.cells[systemIndex];
  const [status, setStatus] = useState<Status>(cell.status);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.querySelector<HTMLElement>('select')?.focus(), []);
  return (
    <div
      ref={box}
      role="dialog"
      aria-label={`Edit ${row.ref} for ${system.name}`}
      className="absolute z-40 w-[360px] rounded-lg border border-slate-300 bg-white p-3 text-sm shadow-lg"
      style={style}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
        e.stopPropagation();
      }}
    >
      <ActionForm
        action={updateCellAction}
        hints={hints}
        fields={{ requirementId: row.id, systemId: system.id }}
        label={`${row.ref} for ${system.name}`}
        submit={null}
        resetOnSuccess={false}
        className="space-y-2"
        onResult={(res) => {
          if (!res.ok || !box.current) return;
          const form = box.current.querySelector('form');
          const data = form ? new FormData(form) : new FormData();
          const text = (k: string) => String(data.get(k) ?? '') || null;
          onSaved({ status, justification: text('justification'), notes: text('notes'), evidenceUrl: text('evidenceUrl') }, `${row.ref} for ${system.name}: ${STATUS_LABELS[status]}.`);
        }}
      >
        <p className="font-semibold">
          {row.ref} · {system.name}
        </p>
        <SelectField label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value as Status)} options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
        {status === 'NOT_APPLICABLE' ? <TextAreaField label="Justification (required)" name="justification" rows={2} defaultValue={cell.justification ?? ''} /> : null}
        <TextAreaField label="Notes" name="notes" rows={2} defaultValue={cell.notes ?? ''} />
        <TextField label="Evidence link" name="evidenceUrl" defaultValue={cell.evidenceUrl ?? ''} placeholder="https://…" />
        <div className="flex items-center gap-2">
          <SubmitButton pendingText="Saving…" className="px-3 py-1.5">
            Save
          </SubmitButton>
          <Button variant="secondary" onClick={onClose} className="px-3 py-1.5">
            Cancel
          </Button>
          <a href={`/requirements/cell?requirementId=${row.id}&systemId=${system.id}`} className="ml-auto text-xs">
            History
          </a>
        </div>
      </ActionForm>
    </div>
  );
}
