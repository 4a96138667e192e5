import Link from 'next/link';
import { FairnessChart } from '@/components/models/fairness-chart';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { ActionForm, TextAreaField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { acceptMitigationAction } from '@/lib/models/actions';
import { CHECK_LABELS } from '@/lib/models/fairness';
import { fmt, metricMeets } from '@/lib/models/promotion';
import type { VersionView } from '@/lib/models/queries';
import { mitigationFormSchema } from '@/lib/models/schema';

export function MetricsTable({ v }: { v: VersionView }) {
  return v.metrics.length ? (
    <Table caption="Metrics and thresholds" columns={['Metric', 'Value', 'Threshold', 'Result']}>
      {v.metrics.map((m) => (
        <tr key={m.name}>
          <Td>{m.name}</Td>
          <Td>{fmt(m.value)}</Td>
          <Td>{m.threshold == null ? '—' : `${m.direction === 'AT_MOST' ? '≤' : '≥'} ${fmt(m.threshold)}`}</Td>
          <Td>{m.threshold == null ? '—' : metricMeets(m) ? <Badge tone="good">meets</Badge> : <Badge tone="bad">misses</Badge>}</Td>
        </tr>
      ))}
    </Table>
  ) : (
    <EmptyState title="No metrics recorded" />
  );
}

export function LineageTable({ v }: { v: VersionView }) {
  return v.datasets.length ? (
    <Table caption="Datasets this version used" columns={['Dataset', 'Used for', 'Classification', 'Transformations']}>
      {v.datasets.map((d) => (
        <tr key={`${d.id}-${d.role}`}>
          <Td>
            <Link href={`/datasets/${d.id}`}>{d.name}</Link>
          </Td>
          <Td>{d.role === 'TRAINING' ? 'Training' : 'Evaluation'}</Td>
          <Td>
            <Badge tone={d.classification === 'RESTRICTED' ? 'bad' : 'neutral'}>{d.classification.toLowerCase()}</Badge>
          </Td>
          <Td>
            {d.restricted ? (
              <span className="text-slate-600">Restricted: details hidden</span>
            ) : (
              <>
                {d.transformation ? <p>{d.transformation}</p> : null}
                {d.steps.length ? (
                  <ol className="list-decimal pl-5 text-xs">
                    {d.steps.map((s, i) => (
                      <li key={i}>{s}</li>
                    ))}
                  </ol>
                ) : null}
              </>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  ) : (
    <EmptyState title="No datasets linked" />
  );
}

export function FairnessSection({ v }: { v: VersionView }) {
  const ref = { model: v.model.key, version: v.label };
  const attributes = [...new Set(v.groups.map((g) => g.attribute))];
  const mitigationFor = (attribute: string, check: string) => v.mitigations.find((m) => m.attribute === attribute && m.check === check);
  return (
    <>
      <p className="mb-3 text-sm text-slate-700">
        Thresholds for {v.model.system}: parity difference ≤ {v.thresholds.maxParityDifference}, disparate impact ≥ {v.thresholds.minDisparateImpact}, equal opportunity difference ≤ {v.thresholds.maxOpportunityDifference}.
      </p>
      {attributes.length === 0 ? <EmptyState title="No fairness results recorded">Upload per-group results or per-prediction rows.</EmptyState> : null}
      {attributes.map((attribute) => {
        const rows = v.groups.filter((g) => g.attribute === attribute);
        const checks = v.checks.filter((c) => c.attribute === attribute);
        return (
          <Card key={attribute} title={`By ${attribute}`} className="mb-4">
            <FairnessChart attribute={attribute} rows={rows} />
            <Table caption={`Results per ${attribute} group`} className="mt-3" columns={['Group', 'Count', 'Positives', 'Accuracy', 'Precision', 'Recall (TPR)', 'Selection rate']}>
              {rows.map((g) => (
                <tr key={g.groupValue}>
                  <Td>{g.groupValue}</Td>
                  <Td>{g.count}</Td>
                  <Td>{g.positives ?? '—'}</Td>
                  <Td>{fmt(g.accuracy)}</Td>
                  <Td>{fmt(g.precision)}</Td>
                  <Td>{fmt(g.recall)}</Td>
                  <Td>{fmt(g.selectionRate)}</Td>
                </tr>
              ))}
            </Table>
            <Table caption={`Fairness checks for ${attribute}`} className="mt-3" columns={['Check', 'Value', 'Threshold', 'Result']}>
              {checks.map((c) => {
                const m = mitigationFor(c.attribute, c.check);
                return (
                  <tr key={c.check}>
                    <Td>
                      {CHECK_LABELS[c.check]}
                      {c.note ? <div className="text-xs text-slate-600">{c.note}</div> : null}
                    </Td>
                    <Td>{fmt(c.value)}</Td>
                    <Td>
                      {c.comparison} {c.threshold}
                    </Td>
                    <Td>
                      {c.passed ? <Badge tone="good">passes</Badge> : m ? <Badge tone="warn">fails — mitigation accepted</Badge> : <Badge tone="bad">fails</Badge>}
                      {m ? (
                        <p className="mt-1 text-xs">
                          {m.mitigation}{' '}
                          <span className="text-slate-600">
                            (accepted by {m.approver}, <LocalTime iso={m.acceptedAt} dateOnly />)
                          </span>
                        </p>
                      ) : null}
                      {!c.passed && !m && v.capabilities.acceptMitigation ? (
                        <details className="no-print mt-2">
                          <summary className="cursor-pointer text-xs">Accept with a mitigation</summary>
                          <ActionForm action={acceptMitigationAction} schema={mitigationFormSchema} fields={{ ...ref, attribute: c.attribute, check: c.check }} submit="Accept mitigation" label={`Accept mitigation for ${c.attribute} ${c.check}`} announce="toast" success="Mitigation accepted.">
                            <TextAreaField label="Documented mitigation" name="mitigation" rows={3} />
                          </ActionForm>
                        </details>
                      ) : null}
                    </Td>
                  </tr>
                );
              })}
            </Table>
          </Card>
        );
      })}
    </>
  );
}

export function RobustnessCards({ v }: { v: VersionView }) {
  return (
    <div className="mt-8 grid gap-6 lg:grid-cols-2">
      <Card title="Adversarial robustness">
        {v.robustness.length ? (
          <Table caption="Robustness results" columns={['Method', 'Budget', 'Metric', 'Clean', 'Under attack']}>
            {v.robustness.map((r, i) => (
              <tr key={i}>
                <Td>{r.method}</Td>
                <Td>{fmt(r.budget)}</Td>
                <Td>{r.metric}</Td>
                <Td>{fmt(r.cleanValue)}</Td>
                <Td>{fmt(r.attackedValue)}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-sm text-slate-700">None recorded.</p>
        )}
      </Card>
      <Card title="Explainability">
        {v.explainability ? (
          <Table caption={`Top features (${v.explainability.method})`}>
            <thead>
              <tr>
                <Th>Feature</Th>
                <Th>Mean |attribution| ({v.explainability.method})</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {v.explainability.features.map((f) => (
                <tr key={f.name}>
                  <Td>{f.name}</Td>
                  <Td>{fmt(f.meanAbsAttribution)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="text-sm text-slate-700">None recorded.</p>
        )}
      </Card>
    </div>
  );
}

export function HistoryTable({ history }: { history: { seq: number | bigint | string; at: string; actorLabel: string; action: string; reason: string | null }[] }) {
  return history.length === 0 ? (
    <EmptyState title="No recorded changes" />
  ) : (
    <Table caption="History of this version from the audit trail" columns={['When', 'Who', 'What', 'Why']}>
      {history.map((e) => (
        <tr key={String(e.seq)}>
          <Td>
            <LocalTime iso={e.at} />
          </Td>
          <Td>{e.actorLabel}</Td>
          <Td>
            <code className="text-xs">{e.action}</code>
          </Td>
          <Td>{e.reason ?? '—'}</Td>
        </tr>
      ))}
    </Table>
  );
}
