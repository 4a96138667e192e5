import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader, Stat } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { quarterView } from '@/lib/requirements/queries';
import { quarterOf, quarterRange, quarterSchema, REVIEW_OUTCOME_LABELS } from '@/lib/requirements/schema';

export const metadata: Metadata = { title: 'Quarter view' };

function shift(q: string, by: number) {
  const { start } = quarterRange(q);
  return quarterOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + by * 3, 1)));
}

export default async function QuarterPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const quarter = quarterSchema.safeParse(sp.quarter).success ? sp.quarter! : quarterOf(new Date());
  const v = await loadPage(quarterView(actor, quarter));
  const reviewers = new Set(v.reviews.map((r) => r.reviewerName));
  return (
    <>
      <PageHeader title={`Quarter view: ${v.quarter}`} description="What was reviewed in the quarter and by whom (each review is an attestation), and what is overdue now." />
      <nav aria-label="Quarters" className="mb-4 flex gap-4 text-sm">
        <Link href={`/requirements/reviews?quarter=${shift(v.quarter, -1)}`}>← {shift(v.quarter, -1)}</Link>
        <Link href={`/requirements/reviews?quarter=${shift(v.quarter, 1)}`}>{shift(v.quarter, 1)} →</Link>
      </nav>
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat label="Reviews recorded" value={v.reviews.length} />
        <Stat label="Reviewers" value={reviewers.size} />
        <Stat label="Overdue now" value={v.overdue.length} tone={v.overdue.length ? 'bad' : 'good'} href="/requirements?overdue=true" />
      </div>
      <Card title="Reviewed in this quarter" className="mb-6">
        {v.reviews.length === 0 ? (
          <EmptyState title="No reviews recorded in this quarter" />
        ) : (
          <Table caption={`Reviews in ${v.quarter}`} columns={['Requirement', 'Outcome', 'Reviewer', 'Date']}>
            {v.reviews.map((r) => (
              <tr key={r.id}>
                <Td>
                  <div className="text-xs text-slate-600">{r.requirement.framework.name}</div>
                  <Link href={`/requirements/items/${r.requirement.id}`}>{r.requirement.ref}</Link> {r.requirement.title}
                  {r.notes ? <div className="text-xs text-slate-700">{r.notes}</div> : null}
                </Td>
                <Td>{REVIEW_OUTCOME_LABELS[r.outcome]}</Td>
                <Td>{r.reviewerName}</Td>
                <Td><LocalTime iso={r.reviewedAt} dateOnly /></Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title="Overdue reviews">
        {v.overdue.length === 0 ? (
          <p className="text-sm text-slate-700">Nothing is overdue.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {v.overdue.map((o) => (
              <li key={o.id}>
                <Badge tone="bad">Due <LocalTime iso={o.nextReviewDue} dateOnly /></Badge> {o.framework.name} <Link href={`/requirements/items/${o.id}`}>{o.ref}</Link> {o.title} · {o.ownerName ?? 'Unowned'}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
