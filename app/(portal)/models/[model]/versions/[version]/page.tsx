import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/models/action-form';
import { FairnessChart } from '@/components/models/fairness-chart';
import { StageBadge } from '@/components/models/stage-badge';
import { UniqueField } from '@/components/models/unique-field';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { entityHistory } from '@/lib/audit/queries';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import {
  acceptMitigationAction,
  changeStageAction,
  linkDatasetAction,
  signOffAction,
  updateArtifactAction,
  updateModelCardAction,
  uploadFairnessAction,
} from '@/lib/models/actions';
import { CHECK_LABELS } from '@/lib/models/fairness';
import { fmt, metricMeets } from '@/lib/models/promotion';
import { listDatasets, getVersion, type VersionView } from '@/lib/models/queries';
import { CARD_SECTIONS, EDITABLE_STAGES, STAGE_LABELS } from '@/lib/models/schema';

export const metadata: Metadata = { title: 'Model version' };

function Reasons({ reasons, ok }: { reasons: string[]; ok: string }) {
  if (!reasons.length) return <p className="text-sm text-green-800">✓ {ok}</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-red-800" aria-label="Unmet conditions">
      {reasons.map((r) => <li key={r}>{r}</li>)}
    </ul>
  );
}

function GatePanel({ v }: { v: VersionView }) {
  const ref = { model: v.model.key, version: v.label };
  return (
    <Card title="Lifecycle and gates" className="mb-6">
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="next-gate">
          <h3 id="next-gate" className="font-medium">{v.next ? `Next: ${STAGE_LABELS[v.next]}` : 'No further stage'}</h3>
          {v.next ? <Reasons reasons={v.nextReasons} ok={`Every condition for ${STAGE_LABELS[v.next].toLowerCase()} is met.`} /> : null}
          {v.next === 'APPROVED' ? <p className="mt-1 text-xs text-slate-600">Approval happens when the business owner and a compliance officer have both signed off.</p> : null}
          <div className="no-print mt-3 flex flex-wrap gap-2">
            {v.can.advance && v.next ? (
              <ActionForm action={changeStageAction} fields={{ ...ref, target: v.next }} submit={v.next === 'PENDING_APPROVAL' ? 'Request approval' : `Move to ${STAGE_LABELS[v.next].toLowerCase()}`} label="Advance stage" />
            ) : null}
            {v.can.promote ? <ActionForm action={changeStageAction} fields={{ ...ref, target: 'PRODUCTION' }} submit="Promote to production" label="Promote to production" /> : null}
            {v.can.returnToDraft ? (
              <ConfirmAction action={changeStageAction} fields={{ ...ref, target: 'DRAFT' }} label="Return to draft" variant="secondary" title={`Return ${v.label} to draft?`} body="Its sign-offs are cleared and it must pass every gate again." />
            ) : null}
            {v.can.retire ? (
              <ConfirmAction action={changeStageAction} fields={{ ...ref, target: 'RETIRED' }} label="Retire" title={`Retire ${v.label}?`} body="A retired version can no longer be promoted or rolled back to. This cannot be undone." />
            ) : null}
          </div>
        </section>
        <section aria-labelledby="prod-gate">
          <h3 id="prod-gate" className="font-medium">Production readiness</h3>
          <Reasons reasons={v.productionReasons} ok={v.stage === 'PRODUCTION' ? 'Serving production; every condition holds.' : 'Ready to promote.'} />
        </section>
      </div>
    </Card>
  );
}

export default async function VersionPage({ params }: { params: Promise<{ model: string; version: string }> }) {
  const p = await params;
  const actor = await requireActor();
  const v = await loadPage(getVersion(actor, decodeURIComponent(p.model), decodeURIComponent(p.version)));
  const ref = { model: v.model.key, version: v.label };
  const editable = v.can.write && EDITABLE_STAGES.includes(v.stage);
  const [datasets, history] = await Promise.all([
    editable ? listDatasets(actor, { pageSize: 200 }).then((r) => r.items) : Promise.resolve([]),
    entityHistory(actor, 'models:read', 'model_version', v.id, 50),
  ]);
  const attributes = [...new Set(v.groups.map((g) => g.attribute))];
  const mitigationFor = (attribute: string, check: string) => v.mitigations.find((m) => m.attribute === attribute && m.check === check);
  const base = `/api/v1/models/${v.model.key}/versions/${encodeURIComponent(v.label)}`;

  return (
    <>
      <p className="no-print mb-2 text-sm"><Link href={`/models/${v.model.key}`}>← {v.model.name}</Link></p>
      <PageHeader
        title={`${v.model.name} ${v.label}`}
        description={<>AI system {v.model.system} · created by {v.createdBy} on <LocalTime iso={v.createdAt} /> · <StageBadge stage={v.stage} /></>}
        actions={
          <>
            <ButtonLink href={`/models/${v.model.key}/versions/${encodeURIComponent(v.label)}/card`}>Model card</ButtonLink>
            <ButtonLink href={`${base}/gate`} prefetch={false}>Gate (JSON)</ButtonLink>
          </>
        }
      />
      <GatePanel v={v} />

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Artifact">
          <dl className="space-y-2 text-sm">
            <div><dt className="text-slate-600">Framework</dt><dd>{v.framework || '—'}</dd></div>
            <div><dt className="text-slate-600">URI</dt><dd className="break-all">{v.artifactUri ?? '—'}</dd></div>
            <div><dt className="text-slate-600">SHA-256</dt><dd><code className="break-all text-xs">{v.artifactDigest ?? 'missing'}</code></dd></div>
            <div><dt className="text-slate-600">Size</dt><dd>{v.artifactSize == null ? '—' : `${v.artifactSize.toLocaleString('en')} bytes`}</dd></div>
            <div><dt className="text-slate-600">Hyperparameters</dt><dd><pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(v.hyperparameters, null, 2)}</pre></dd></div>
          </dl>
        </Card>
        <Card title="Signed attestation">
          {v.attestation ? (
            <div className="space-y-2 text-sm">
              <p>
                Signed <LocalTime iso={v.attestation.signedAt} />.{' '}
                {v.attestation.verified ? <Badge tone="good">Signature verifies</Badge> : <Badge tone="bad">Signature does not verify</Badge>}{' '}
                {v.attestation.matches ? <Badge tone="good">Matches this version</Badge> : <Badge tone="bad">Version changed since signing</Badge>}
              </p>
              <p>
                <a href={`${base}/attestation`}>Manifest and signature (JSON)</a> · <a href="/api/v1/signing-key">Public key</a>
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-700">Not signed yet. The portal signs a manifest (model, version, artifact digest, model card hash, approvals) when the version is approved.</p>
          )}
          <h3 className="mb-1 mt-4 font-medium">Sign-offs</h3>
          {v.signOffs.length ? (
            <ul className="space-y-1 text-sm">
              {v.signOffs.map((s) => (
                <li key={s.role}>
                  <Badge tone="good">{s.role === 'BUSINESS_OWNER' ? 'Business owner' : 'Compliance'}</Badge> {s.user}, <LocalTime iso={s.at} />
                  {s.comment ? <span className="text-slate-600"> — {s.comment}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">None yet.</p>
          )}
          {v.can.signBusiness || v.can.signCompliance ? (
            <div className="no-print mt-3 space-y-3">
              {v.can.signBusiness ? (
                <ActionForm action={signOffAction} fields={{ ...ref, role: 'BUSINESS_OWNER' }} submit="Sign off as business owner" label="Business owner sign-off">
                  <UniqueField label="Comment (business owner)" name="comment" id="comment-business" />
                </ActionForm>
              ) : null}
              {v.can.signCompliance ? (
                <ActionForm action={signOffAction} fields={{ ...ref, role: 'COMPLIANCE' }} submit="Sign off for compliance" label="Compliance sign-off">
                  <UniqueField label="Comment (compliance)" name="comment" id="comment-compliance" />
                </ActionForm>
              ) : null}
            </div>
          ) : null}
        </Card>
      </div>

      <h2 className="mb-2 mt-8">Metrics and thresholds</h2>
      {v.metrics.length ? (
        <Table caption="Metrics and thresholds">
          <thead><tr><Th>Metric</Th><Th>Value</Th><Th>Threshold</Th><Th>Result</Th></tr></thead>
          <tbody className="divide-y divide-slate-200">
            {v.metrics.map((m) => (
              <tr key={m.name}>
                <Td>{m.name}</Td>
                <Td>{fmt(m.value)}</Td>
                <Td>{m.threshold == null ? '—' : `${m.direction === 'AT_MOST' ? '≤' : '≥'} ${fmt(m.threshold)}`}</Td>
                <Td>{m.threshold == null ? '—' : metricMeets(m) ? <Badge tone="good">meets</Badge> : <Badge tone="bad">misses</Badge>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <EmptyState title="No metrics recorded" />
      )}

      <h2 className="mb-2 mt-8">Data lineage</h2>
      {v.datasets.length ? (
        <Table caption="Datasets this version used">
          <thead><tr><Th>Dataset</Th><Th>Used for</Th><Th>Classification</Th><Th>Transformations</Th></tr></thead>
          <tbody className="divide-y divide-slate-200">
            {v.datasets.map((d) => (
              <tr key={`${d.id}-${d.role}`}>
                <Td><Link href={`/datasets/${d.id}`}>{d.name}</Link></Td>
                <Td>{d.role === 'TRAINING' ? 'Training' : 'Evaluation'}</Td>
                <Td><Badge tone={d.classification === 'RESTRICTED' ? 'bad' : 'neutral'}>{d.classification.toLowerCase()}</Badge></Td>
                <Td>
                  {d.restricted ? <span className="text-slate-600">Restricted: details hidden</span> : (
                    <>
                      {d.transformation ? <p>{d.transformation}</p> : null}
                      {d.steps.length ? <ol className="list-decimal pl-5 text-xs">{d.steps.map((s, i) => <li key={i}>{s}</li>)}</ol> : null}
                    </>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <EmptyState title="No datasets linked" />
      )}

      <h2 className="mb-2 mt-8">Fairness</h2>
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
            <Table caption={`Results per ${attribute} group`} className="mt-3">
              <thead><tr><Th>Group</Th><Th>Count</Th><Th>Positives</Th><Th>Accuracy</Th><Th>Precision</Th><Th>Recall (TPR)</Th><Th>Selection rate</Th></tr></thead>
              <tbody className="divide-y divide-slate-200">
                {rows.map((g) => (
                  <tr key={g.groupValue}>
                    <Td>{g.groupValue}</Td><Td>{g.count}</Td><Td>{g.positives ?? '—'}</Td><Td>{fmt(g.accuracy)}</Td><Td>{fmt(g.precision)}</Td><Td>{fmt(g.recall)}</Td><Td>{fmt(g.selectionRate)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Table caption={`Fairness checks for ${attribute}`} className="mt-3">
              <thead><tr><Th>Check</Th><Th>Value</Th><Th>Threshold</Th><Th>Result</Th></tr></thead>
              <tbody className="divide-y divide-slate-200">
                {checks.map((c) => {
                  const m = mitigationFor(c.attribute, c.check);
                  return (
                    <tr key={c.check}>
                      <Td>{CHECK_LABELS[c.check]}{c.note ? <div className="text-xs text-slate-600">{c.note}</div> : null}</Td>
                      <Td>{fmt(c.value)}</Td>
                      <Td>{c.comparison} {c.threshold}</Td>
                      <Td>
                        {c.passed ? <Badge tone="good">passes</Badge> : m ? <Badge tone="warn">fails — mitigation accepted</Badge> : <Badge tone="bad">fails</Badge>}
                        {m ? <p className="mt-1 text-xs">{m.mitigation} <span className="text-slate-600">(accepted by {m.approver}, <LocalTime iso={m.acceptedAt} dateOnly />)</span></p> : null}
                        {!c.passed && !m && v.can.acceptMitigation ? (
                          <details className="no-print mt-2">
                            <summary className="cursor-pointer text-xs">Accept with a mitigation</summary>
                            <ActionForm action={acceptMitigationAction} fields={{ ...ref, attribute: c.attribute, check: c.check }} submit="Accept mitigation" label={`Accept mitigation for ${c.attribute} ${c.check}`}>
                              <UniqueField textarea label="Documented mitigation" name="mitigation" required id={`mitigation-${c.attribute}-${c.check}`} />
                            </ActionForm>
                          </details>
                        ) : null}
                      </Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          </Card>
        );
      })}

      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Card title="Adversarial robustness">
          {v.robustness.length ? (
            <Table caption="Robustness results">
              <thead><tr><Th>Method</Th><Th>Budget</Th><Th>Metric</Th><Th>Clean</Th><Th>Under attack</Th></tr></thead>
              <tbody className="divide-y divide-slate-200">
                {v.robustness.map((r, i) => (
                  <tr key={i}><Td>{r.method}</Td><Td>{fmt(r.budget)}</Td><Td>{r.metric}</Td><Td>{fmt(r.cleanValue)}</Td><Td>{fmt(r.attackedValue)}</Td></tr>
                ))}
              </tbody>
            </Table>
          ) : <p className="text-sm text-slate-700">None recorded.</p>}
        </Card>
        <Card title="Explainability">
          {v.explainability ? (
            <Table caption={`Top features (${v.explainability.method})`}>
              <thead><tr><Th>Feature</Th><Th>Mean |attribution| ({v.explainability.method})</Th></tr></thead>
              <tbody className="divide-y divide-slate-200">
                {v.explainability.features.map((f) => <tr key={f.name}><Td>{f.name}</Td><Td>{fmt(f.meanAbsAttribution)}</Td></tr>)}
              </tbody>
            </Table>
          ) : <p className="text-sm text-slate-700">None recorded.</p>}
        </Card>
      </div>

      <h2 className="mb-2 mt-8">History</h2>
      {history.length === 0 ? <EmptyState title="No recorded changes" /> : (
        <Table caption="History of this version from the audit trail">
          <thead><tr><Th>When</Th><Th>Who</Th><Th>What</Th><Th>Why</Th></tr></thead>
          <tbody className="divide-y divide-slate-200">
            {history.map((e) => (
              <tr key={e.seq}>
                <Td><LocalTime iso={e.at} /></Td>
                <Td>{e.actorLabel}</Td>
                <Td><code className="text-xs">{e.action}</code></Td>
                <Td>{e.reason ?? '—'}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      {editable ? (
        <section className="no-print mt-8 space-y-4" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Record results</h2>
          <Card title="Upload fairness results">
            <ActionForm action={uploadFairnessAction} fields={ref} submit="Upload" pendingText="Uploading…" label="Upload fairness results">
              <div className="grid gap-4 md:grid-cols-3">
                <SelectField label="File contains" name="kind" options={[{ value: 'groups', label: 'Per-group results' }, { value: 'predictions', label: 'Per-prediction rows (y_true, y_pred, group)' }]} />
                <TextField label="Group attribute (for predictions)" name="attribute" placeholder="e.g. sex" />
                <TextField label="CSV or JSON file" name="file" type="file" accept=".csv,.json,text/csv,application/json" />
              </div>
              <TextAreaField label="…or paste CSV / JSON" name="text" rows={4} hint="Per-group CSV columns: attribute, group, count, positives, accuracy, precision, recall, selection_rate. Predictions CSV: y_true, y_pred, group." />
            </ActionForm>
          </Card>
          <Card title="Artifact, metrics, robustness, explainability">
            <ActionForm action={updateArtifactAction} fields={ref} submit="Save" label="Edit artifact and results">
              <div className="grid gap-4 md:grid-cols-2">
                <TextField label="Framework / library" name="framework" defaultValue={v.framework} />
                <TextField label="Artifact URI" name="artifactUri" defaultValue={v.artifactUri ?? ''} />
                <TextField label="Artifact SHA-256 digest" name="artifactDigest" defaultValue={v.artifactDigest ?? ''} />
                <TextField label="Artifact size (bytes)" name="artifactSize" type="number" min={0} defaultValue={v.artifactSize ?? ''} />
                <TextAreaField label="Metrics" name="metrics" rows={4} className="md:col-span-2" hint="One per line: name, value, >= or <=, threshold" defaultValue={v.metrics.map((m) => `${m.name}, ${m.value}, ${m.direction === 'AT_MOST' ? '<=' : '>='}, ${m.threshold ?? ''}`).join('\n')} />
                <TextAreaField label="Robustness results (JSON)" name="robustness" rows={4} hint='[{"method":"PGD","budget":0.03,"metric":"accuracy","cleanValue":0.9,"attackedValue":0.7}]' defaultValue={v.robustness.length ? JSON.stringify(v.robustness) : ''} />
                <TextAreaField label="Explainability summary (JSON)" name="explainability" rows={4} hint='{"method":"SHAP","features":[{"name":"age","meanAbsAttribution":0.21}]}' defaultValue={v.explainability ? JSON.stringify(v.explainability) : ''} />
              </div>
            </ActionForm>
          </Card>
          <Card title="Link a dataset">
            {datasets.length === 0 ? <p className="text-sm">Register datasets on the <Link href="/datasets">datasets page</Link> first.</p> : (
              <ActionForm action={linkDatasetAction} fields={ref} submit="Link dataset" label="Link a dataset">
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
            <CardEditor v={v} />
          </Card>
        </section>
      ) : null}
    </>
  );
}

function CardEditor({ v }: { v: VersionView }) {
  return (
    <ActionForm action={updateModelCardAction} fields={{ model: v.model.key, version: v.label }} submit="Save model card" label="Edit the model card">
      {CARD_SECTIONS.map(([key, label]) => (
        <UniqueField key={key} textarea label={label} name={key} id={`card-${key}`} defaultValue={v.card[key] ?? ''} />
      ))}
    </ActionForm>
  );
}
