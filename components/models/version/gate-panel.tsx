import { Card } from '@/components/ui/card';
import { ActionForm, ConfirmAction } from '@/components/ui/form';
import { changeStageAction } from '@/lib/models/actions';
import type { VersionView } from '@/lib/models/queries';
import { STAGE_LABELS } from '@/lib/models/schema';

export function Reasons({ reasons, ok }: { reasons: string[]; ok: string }) {
  if (!reasons.length) return <p className="text-sm text-green-800">✓ {ok}</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-red-800" aria-label="Unmet conditions">
      {reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

export function GatePanel({ v }: { v: VersionView }) {
  const ref = { model: v.model.key, version: v.label };
  return (
    <Card title="Lifecycle and gates" className="mb-6">
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="next-gate">
          <h3 id="next-gate" className="font-medium">
            {v.next ? `Next: ${STAGE_LABELS[v.next]}` : 'No further stage'}
          </h3>
          {v.next ? <Reasons reasons={v.nextReasons} ok={`Every condition for ${STAGE_LABELS[v.next].toLowerCase()} is met.`} /> : null}
          {v.next === 'APPROVED' ? <p className="mt-1 text-xs text-slate-600">Approval happens when the business owner and a compliance officer have both signed off.</p> : null}
          <div className="no-print mt-3 flex flex-wrap gap-2">
            {v.can.advance && v.next ? (
              <ActionForm
                action={changeStageAction}
                fields={{ ...ref, target: v.next }}
                submit={v.next === 'PENDING_APPROVAL' ? 'Request approval' : `Move to ${STAGE_LABELS[v.next].toLowerCase()}`}
                label="Advance stage"
                announce="toast"
                success={`Moved to ${STAGE_LABELS[v.next].toLowerCase()}.`}
              />
            ) : null}
            {v.can.promote ? <ActionForm action={changeStageAction} fields={{ ...ref, target: 'PRODUCTION' }} submit="Promote to production" label="Promote to production" announce="toast" success="Promoted to production." /> : null}
            {v.can.returnToDraft ? (
              <ConfirmAction action={changeStageAction} fields={{ ...ref, target: 'DRAFT' }} label="Return to draft" variant="secondary" title={`Return ${v.label} to draft?`} body="Its sign-offs are cleared and it must pass every gate again." success="Returned to draft." buttonClassName="" />
            ) : null}
            {v.can.retire ? (
              <ConfirmAction action={changeStageAction} fields={{ ...ref, target: 'RETIRED' }} label="Retire" title={`Retire ${v.label}?`} body="A retired version can no longer be promoted or rolled back to. This cannot be undone." success="Retired." buttonClassName="" />
            ) : null}
          </div>
        </section>
        <section aria-labelledby="prod-gate">
          <h3 id="prod-gate" className="font-medium">
            Production readiness
          </h3>
          <Reasons reasons={v.productionReasons} ok={v.stage === 'PRODUCTION' ? 'Serving production; every condition holds.' : 'Ready to promote.'} />
        </section>
      </div>
    </Card>
  );
}
