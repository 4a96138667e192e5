import { SeverityBadge } from '@/components/incidents/badges';
import { Card } from '@/components/ui/card';
import { ActionForm, SelectField, TextAreaField } from '@/components/ui/form';
import { overrideSeverityAction } from '@/lib/incidents/actions';
import { overrideSeveritySchema } from '@/lib/incidents/schema';
import { SEVERITIES, TREE_QUESTIONS } from '@/lib/incidents/severity';
import type { IncidentDetail } from './types';

export function SeverityCard({ inc }: { inc: IncidentDetail }) {
  return (
    <Card title="Severity">
      <p className="text-sm">
        Current: <SeverityBadge severity={inc.severity} /> · From the decision tree: <SeverityBadge severity={inc.treeSeverity} />
      </p>
      {inc.severityOverrideReason ? <p className="mt-2 text-sm">Overridden: {inc.severityOverrideReason}</p> : null}
      <h3 className="mt-4 text-sm font-semibold">Decision tree</h3>
      <ul className="mt-1 text-sm">
        {TREE_QUESTIONS.map((q) => (
          <li key={q.key}>
            {q.question} <strong>{(inc.treeAnswers as Record<string, unknown>)[q.key] ? 'Yes' : 'No'}</strong>
          </li>
        ))}
      </ul>
      <ul className="mt-2 list-disc pl-5 text-xs text-slate-700">
        {inc.treeReasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {inc.may.manage ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium">Override severity</summary>
          <ActionForm action={overrideSeverityAction} schema={overrideSeveritySchema} fields={{ id: inc.id }} submit="Override" label="Override severity" className="mt-2 space-y-3">
            <SelectField label="New severity" name="severity" defaultValue={inc.severity} options={SEVERITIES.map((s) => ({ value: s, label: s }))} />
            <TextAreaField label="Reason" name="reason" rows={2} />
          </ActionForm>
        </details>
      ) : null}
    </Card>
  );
}
