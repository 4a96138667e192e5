'use client';

import { ConfirmAction, TextAreaField, TextField } from '@/components/ui/form';
import { withdrawEvidenceAction } from '@/lib/audits/evidence/actions';

/** Withdraw a piece of evidence (or mark it superseded), behind a confirmation. */
export function WithdrawEvidenceButton({ id, title }: { id: string; title: string }) {
  return (
    <ConfirmAction
      action={withdrawEvidenceAction}
      fields={{ id }}
      label="Withdraw"
      title={`Withdraw “${title}”?`}
      body={
        <>
          <p>It stays in the history and the audit trail with its file, but leaves evidence packs and is shown as withdrawn. This cannot be undone.</p>
          <TextAreaField label="Reason" name="reason" required rows={2} className="mt-3 space-y-1" />
          <TextField label="Superseded by (evidence ID, optional)" name="supersededById" className="mt-3 space-y-1" />
        </>
      }
      confirmLabel="Withdraw"
      pendingText="Withdrawing…"
    />
  );
}
