import { Combobox, ConfirmAction, TextAreaField } from '@/components/ui/form';
import { rollbackAction } from '@/lib/models/actions';

/** Roll back behind a confirmation dialog that asks for the reason (and, optionally, the incident). */
export function RollbackDialog({ modelId, from }: { modelId: string; from: string }) {
  return (
    <ConfirmAction
      action={rollbackAction}
      fields={{ modelId }}
      label="Roll back"
      title={`Roll back ${from}?`}
      confirmLabel="Roll back now"
      pendingText="Rolling back…"
      success={`Rolled back from ${from}.`}
      buttonClassName=""
      body={
        <div className="space-y-3">
          <p>Production returns to the previous approved version at once. {from} goes back to validation and must pass every gate again.</p>
          <TextAreaField label="Reason" name="reason" required rows={3} />
          <Combobox label="Incident (optional)" name="incidentId" source="incidents" placeholder="Type an incident title" />
        </div>
      }
    />
  );
}
