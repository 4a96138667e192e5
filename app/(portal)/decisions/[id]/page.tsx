import type { Metadata } from 'next';
import Link from 'next/link';
import { AttributionChart } from '@/components/decisions/attribution-chart';
import { ExplanationBadge, num } from '@/components/decisions/badges';
import { FactorList } from '@/components/decisions/factor-list';
import { FeaturesTable } from '@/components/decisions/features-table';
import { Badge } from '@/components/ui/badge';
import { ButtonLink, DownloadLink } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { verifyDecisionAction } from '@/lib/decisions/actions';
import { getDecision } from '@/lib/decisions/queries';
import { DECISION_REVIEW_RESULT_LABELS, verifyDecisionSchema } from '@/lib/decisions/schema';

export const metadata: Metadata = { title: 'Decision' };

const short = (h: string) => `${h.slice(0, 16)}…`;

export default async function DecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const d = await loadPage(getDecision(actor, decodeURIComponent(id)));
  const p = d.proof;
  const cardHref = `/models/${encodeURIComponent(d.model.key)}/versions/${encodeURIComponent(d.version.label)}/card`;
  return (
    <>
      <p className="no-print mb-2 text-sm"><Link href="/decisions">← Decision log</Link></p>
      <PageHeader
        title={`Decision ${d.ref}`}
        description={<>{d.system.name} · {d.model.name} <Link href={cardHref}>version {d.version.label} (model card)</Link> · decided <LocalTime iso={d.decidedAt} /></>}
        actions={
          <>
            <ButtonLink href={`/decisions/${d.id}/letter`}>Explanation letter</ButtonLink>
            <DownloadLink href={`/api/v1/decisions/proof?id=${encodeURIComponent(d.id)}`}>Download proof (JSON)</DownloadLink>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Outcome">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">Decision taken</dt><dd>{d.outcome}</dd>
            {d.currentOutcome !== d.outcome ? (<><dt className="font-medium">Outcome after review</dt><dd data-testid="current-outcome">{d.currentOutcome}</dd></>) : null}
            <dt className="font-medium">Model output</dt><dd>{Object.entries(d.output).map(([k, v]) => `${k}: ${String(v)}`).join(', ') || '—'}</dd>
            <dt className="font-medium">Confidence</dt><dd>{num(d.confidence)}</dd>
            <dt className="font-medium">Subject reference</dt><dd>{d.subjectRef}</dd>
            {d.groupLabel ? (<><dt className="font-medium">Group</dt><dd>{d.groupLabel}</dd></>) : null}
            <dt className="font-medium">Latency</dt><dd>{d.latencyMs === null ? '—' : `${num(d.latencyMs, 1)} ms`}</dd>
            <dt className="font-medium">Received</dt><dd><LocalTime iso={d.receivedAt} /></dd>
          </dl>
        </Card>
        <Card title="Human oversight">
          {d.human.overridden ? (
            <p className="text-sm"><Badge tone="warn">Overridden</Badge> by {d.human.reviewer}: {d.human.reason}</p>
          ) : d.human.reviewed ? (
            <p className="text-sm"><Badge>Reviewed</Badge> by {d.human.reviewer ?? 'a reviewer'}; the model&rsquo;s decision stood.</p>
          ) : (
            <p className="text-sm">No person reviewed this decision before it took effect.</p>
          )}
          <h3 className="mt-4 mb-2 text-sm font-semibold">Reviews after the decision (GDPR Art. 22(3))</h3>
          {d.reviews.length ? (
            <ol className="space-y-2 text-sm">
              {d.reviews.map((r) => (
                <li key={r.id} data-testid="decision-review">
                  <Badge tone={r.result === 'CHANGED' ? 'warn' : 'neutral'}>{DECISION_REVIEW_RESULT_LABELS[r.result]}</Badge>{' '}
                  {r.result === 'CHANGED' ? <>from “{r.outcomeBefore}” to “{r.newOutcome}”</> : <>“{r.outcomeBefore}” stands</>} · {r.reviewer}, <LocalTime iso={r.reviewedAt} />
                  {r.requestReference ? <> · request {r.requestReference}</> : null}
                  <div>{r.reason}</div>
                  <div className="text-xs break-all text-slate-700">Review hash {short(r.hash)} over the decision&rsquo;s leaf {short(r.decisionLeafHash)}</div>
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm">None: a subject may ask for one through a data-subject request.</p>
          )}
        </Card>
      </div>

      <Card title="Why was this decided" className="mt-6">
        {d.explanation ? (
          <>
            <p className="mb-2 text-sm">
              <ExplanationBadge status={d.explanation.status} /> Method {d.explanation.method ?? '—'}; starting from the base value {num(d.explanation.baseValue)}, the main factors were:
            </p>
            <FactorList factors={d.explanation.factors.slice(0, 5)} />
            <h3 className="mt-4 mb-2 text-sm font-semibold">All attributions</h3>
            <AttributionChart rows={d.explanation.factors.map((f) => ({ feature: f.feature, attribution: f.attribution }))} />
            <Table caption="Attributions per feature" columns={['Feature', 'Attribution', 'Direction', 'Share']} className="mt-3">
              {d.explanation.factors.map((f) => (
                <tr key={f.feature}>
                  <Td>{f.feature}</Td>
                  <Td>{num(f.attribution, 4)}</Td>
                  <Td>{f.direction === 'up' ? 'raised the score' : f.direction === 'down' ? 'lowered the score' : 'none'}</Td>
                  <Td>{Math.round(f.share * 100)} %</Td>
                </tr>
              ))}
            </Table>
          </>
        ) : (
          <p className="text-sm">No explanation was logged with this decision.</p>
        )}
      </Card>

      <Card title="Inputs" className="mt-6">
        <FeaturesTable features={d.features} />
      </Card>

      <Card title="Proof of record" className="mt-6">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm break-all">
          <dt className="font-medium">Batch</dt><dd>#{p.batch.seq}, position {p.leafIndex + 1} of {p.batch.size}, root {short(p.batch.rootHash)}</dd>
          <dt className="font-medium">Path to the batch root</dt><dd>{p.batchPath.length} hashes</dd>
          {p.checkpoint ? (
            <>
              <dt className="font-medium">Signed checkpoint</dt>
              <dd>{p.checkpoint.treeSize} batches, {p.checkpoint.decisionCount} decisions, root {short(p.checkpoint.rootHash)}, issued <LocalTime iso={p.checkpoint.issuedAt} /></dd>
              <dt className="font-medium">Signature (Ed25519)</dt><dd>{short(p.checkpoint.signature)}</dd>
            </>
          ) : (
            <><dt className="font-medium">Signed checkpoint</dt><dd>None yet: the next checkpoint (every 10 minutes) will cover this batch.</dd></>
          )}
        </dl>
        <p className="mt-3 text-sm">Offline: <code>npm run verify-decision -- proof.json --key key.pem</code> with the downloaded proof and the key from <code>/api/v1/signing-key</code>.</p>
        {d.capabilities.verify ? (
          <ActionForm action={verifyDecisionAction} schema={verifyDecisionSchema} fields={{ id: d.id }} label="Verify this decision's proof" submit="Verify proof" pendingText="Verifying…" resetOnSuccess={false} className="mt-3" />
        ) : null}
      </Card>
    </>
  );
}
