import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FiguresTable } from '@/components/reviews/figures';
import {
  ActionItemForm,
  ActionItemStatusButton,
  AttendeeForm,
  CloseReviewButton,
  DecisionForm,
  MinutesForm,
  RemoveAttendeeButton,
  StartReviewButton,
} from '@/components/reviews/review-forms';
import { PrintButton } from '@/components/ui/print-button';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { getReview } from '@/lib/reviews/queries';
import { periodDays, quarterSchema } from '@/lib/quarter';

export const metadata: Metadata = { title: 'Quarterly review' };

export default async function ReviewPage({ params }: { params: Promise<{ quarter: string }> }) {
  const parsed = quarterSchema.safeParse((await params).quarter);
  if (!parsed.success) notFound();
  const quarter = parsed.data;
  const actor = await requireActor();
  const data = await loadPage(getReview(actor, quarter));
  const r = data.review;
  const editable = data.capabilities.edit;
  const days = periodDays(data.period);
  const auditHref = `/audit-trail?${new URLSearchParams({ from: days.first, to: days.last })}`;

  return (
    <>
      <PageHeader
        title={`Quarterly review ${quarter}`}
        description={`Period ${days.first} to ${days.last} (UTC).`}
        actions={
          <>
            <PrintButton />
            <a className={buttonClass('secondary')} href={`/api/v1/reviews/${quarter}/pdf`} download>
              Export PDF
            </a>
            <a className={buttonClass('secondary')} href={`/api/v1/reviews/${quarter}/action-items.csv`} download>
              Action items CSV
            </a>
            <a className={buttonClass('secondary')} href={`/reviews/${quarter}/invitation`} download>
              Meeting invitation (.ics)
            </a>
          </>
        }
      />

      <div className="mb-6 flex flex-wrap items-center gap-3" data-testid="review-status">
        {!r ? <Badge>Not started</Badge> : r.status === 'CLOSED' ? <Badge tone="good">Closed</Badge> : r.status === 'IN_PROGRESS' ? <Badge tone="warn">In progress</Badge> : <Badge>Planned</Badge>}
        {r?.closedAt ? (
          <span className="text-sm text-slate-700">
            Closed <LocalTime iso={r.closedAt} /> by {r.closedBy}. Snapshot SHA-256 <code className="text-xs" data-testid="snapshot-hash">{r.snapshotHash}</code>{' '}
            {r.snapshotIntact ? <Badge tone="good">matches the audit trail</Badge> : <Badge tone="bad">does not match the audit trail</Badge>}
          </span>
        ) : null}
        {data.capabilities.start ? <StartReviewButton quarter={quarter} /> : null}
        {data.capabilities.close ? <CloseReviewButton reviewId={r!.id} quarter={quarter} /> : null}
      </div>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card title={r?.status === 'CLOSED' ? 'Figures (frozen at closing)' : 'Figures (live)'}>
          <FiguresTable figures={data.figures} previous={data.previousFigures} previousQuarter={data.previousQuarter} />
        </Card>

        <Card title="What changed in the quarter" actions={<Link href={auditHref}>All events</Link>}>
          {data.changes.eventsByAction.length === 0 ? (
            <p className="text-sm text-slate-700">No changes were recorded in this quarter.</p>
          ) : (
            <ul className="grid gap-1 text-sm sm:grid-cols-2">
              {data.changes.eventsByAction.map((e) => (
                <li key={e.action}>
                  <Link href={`${auditHref}&action=${encodeURIComponent(e.action)}`}>
                    <code className="text-xs">{e.action}</code>
                  </Link>{' '}
                  × {e.count}
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-4 font-semibold">Promotions and rollbacks</h3>
          {data.changes.deployments.length === 0 ? (
            <p className="text-sm text-slate-700">None.</p>
          ) : (
            <ul className="mt-1 space-y-1 text-sm">
              {data.changes.deployments.map((d) => (
                <li key={d.id}>
                  <Badge tone={d.kind === 'ROLLBACK' ? 'warn' : 'info'}>{d.kind.toLowerCase()}</Badge> {d.model}: {d.fromVersion ?? '—'} → {d.version ?? '—'} ({d.actor ?? 'system'},{' '}
                  <LocalTime iso={d.at} dateOnly />){d.reason ? ` — ${d.reason}` : ''}
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-4 font-semibold">Findings</h3>
          <p className="text-sm text-slate-700">
            {data.changes.newFindings.length} opened, {data.changes.closedFindings.length} closed.
          </p>
          <ul className="mt-1 space-y-1 text-sm">
            {data.changes.newFindings.slice(0, 10).map((f) => (
              <li key={f.id}>
                <Badge tone={f.severity === 'CRITICAL' || f.severity === 'HIGH' ? 'bad' : 'neutral'}>{f.severity.toLowerCase()}</Badge> {f.title}
              </li>
            ))}
          </ul>
          <h3 className="mt-4 font-semibold">Incidents</h3>
          {data.changes.incidents.length === 0 ? (
            <p className="text-sm text-slate-700">None.</p>
          ) : (
            <ul className="mt-1 space-y-1 text-sm">
              {data.changes.incidents.map((i) => (
                <li key={i.id}>
                  <Badge tone={i.severity === 'SEV1' || i.severity === 'SEV2' ? 'bad' : 'neutral'}>{i.severity}</Badge> {i.title} ({i.status.toLowerCase()})
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="Overdue, and who owns it">
          {data.overdue.findings.length + data.overdue.actionItems.length === 0 ? (
            <p className="text-sm text-slate-700">Nothing is overdue.</p>
          ) : (
            <Table caption="Overdue work" columns={['What', 'Owner', 'Due']}>
              {data.overdue.findings.map((f) => (
                <tr key={f.id}>
                  <Td>Finding ({f.severity.toLowerCase()}): {f.title}</Td>
                  <Td>{f.owner}</Td>
                  <Td><LocalTime iso={f.dueDate} dateOnly /></Td>
                </tr>
              ))}
              {data.overdue.actionItems.map((a) => (
                <tr key={a.id}>
                  <Td>Action item ({a.quarter}): {a.title}</Td>
                  <Td>{a.owner}</Td>
                  <Td><LocalTime iso={a.dueDate} dateOnly /></Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>

        <Card title="About to expire">
          {data.expiring.certifications.length + data.expiring.evidence.length === 0 ? (
            <p className="text-sm text-slate-700">No certification expires within 90 days and no evidence within 30.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="expiring">
              {data.expiring.certifications.map((c) => (
                <li key={c.id}>
                  <Badge tone={c.expired ? 'bad' : 'warn'}>certification</Badge> <Link href="/audits/certifications">{c.name}</Link> — {c.expired ? 'expired' : 'expires'} <LocalTime iso={c.expiresAt} dateOnly />
                </li>
              ))}
              {data.expiring.evidence.map((e) => (
                <li key={e.id}>
                  <Badge tone={e.expired ? 'bad' : 'warn'}>evidence</Badge> {e.title} ({e.owner}) — {e.expired ? 'stale since' : 'valid until'} <LocalTime iso={e.validUntil} dateOnly />
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="Attendees">
          {r?.attendees.length ? (
            <ul className="mb-3 space-y-1 text-sm" data-testid="attendees">
              {r.attendees.map((a) => (
                <li key={a.id} className="flex items-center gap-2">
                  <span>
                    {a.name}
                    {a.role ? <span className="text-slate-600"> · {a.role}</span> : null}
                  </span>
                  {editable ? <RemoveAttendeeButton reviewId={r.id} attendeeId={a.id} name={a.name} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-3 text-sm text-slate-700">No attendees recorded yet.</p>
          )}
          {editable ? <AttendeeForm reviewId={r!.id} /> : null}
        </Card>
      </div>

      <div className="mt-6 grid gap-6">
        <Card title="Minutes">
          {editable ? (
            <MinutesForm reviewId={r!.id} minutes={r!.minutes} />
          ) : r?.minutes ? (
            <div className="whitespace-pre-wrap text-sm" data-testid="minutes">{r.minutes}</div>
          ) : (
            <p className="text-sm text-slate-700">{r ? 'No minutes were recorded.' : 'Minutes are taken once the review starts.'}</p>
          )}
        </Card>

        <Card title="Decisions">
          {r?.decisions.length ? (
            <ol className="mb-3 list-inside list-decimal space-y-1 text-sm" data-testid="decisions">
              {r.decisions.map((d) => (
                <li key={d.id}>{d.text}</li>
              ))}
            </ol>
          ) : (
            <p className="mb-3 text-sm text-slate-700">No decisions recorded.</p>
          )}
          {editable ? <DecisionForm reviewId={r!.id} /> : null}
        </Card>

        <Card title="Action items">
          {r?.actionItems.length ? (
            <Table caption="Action items" className="mb-4">
              <thead>
                <tr>
                  <Th>Action</Th>
                  <Th>Owner</Th>
                  <Th>Due</Th>
                  <Th>Status</Th>
                  <Th><span className="sr-only">Update</span></Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {r.actionItems.map((a) => (
                  <tr key={a.id}>
                    <Td>{a.title}</Td>
                    <Td>{a.owner}</Td>
                    <Td><LocalTime iso={a.dueDate} dateOnly /></Td>
                    <Td>{a.status === 'DONE' ? <Badge tone="good">Done</Badge> : a.overdue ? <Badge tone="bad">Overdue</Badge> : <Badge tone="warn">Open</Badge>}</Td>
                    <Td className="no-print">{a.capabilities.update ? <ActionItemStatusButton id={a.id} status={a.status} title={a.title} /> : null}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : (
            <EmptyState title="No action items">{editable ? 'Add the follow-ups agreed in the meeting below; they appear on their owners\' home pages.' : 'None were agreed.'}</EmptyState>
          )}
          {editable ? <ActionItemForm reviewId={r!.id} /> : null}
        </Card>
      </div>
    </>
  );
}
