import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { StartReviewButton } from '@/components/reviews/review-forms';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { listReviews } from '@/lib/reviews/queries';

export const metadata: Metadata = { title: 'Quarterly reviews' };

const STATUS = { PLANNED: ['Planned', 'neutral'], IN_PROGRESS: ['In progress', 'warn'], CLOSED: ['Closed', 'good'] } as const;

export default async function ReviewsPage() {
  const actor = await requireActor();
  const { items, currentQuarter, canRun } = await loadPage(listReviews(actor));
  const current = items.find((r) => r.quarter === currentQuarter);
  return (
    <>
      <PageHeader
        title="Quarterly reviews"
        description="The quarterly compliance review: what changed, what is overdue, decisions and action items. A closed review is frozen and its fingerprint is in the audit trail."
        actions={
          <Link href={`/reviews/${currentQuarter}`} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white no-underline hover:bg-brand-800">
            {current?.status === 'CLOSED' ? `View ${currentQuarter}` : `Open the ${currentQuarter} review`}
          </Link>
        }
      />
      {canRun && !current ? (
        <div className="mb-4">
          <StartReviewButton quarter={currentQuarter} label={`Start the ${currentQuarter} review`} />
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title="No reviews yet">{canRun ? 'Start the current quarter\'s review above.' : 'Closed reviews appear here once a compliance officer closes one.'}</EmptyState>
      ) : (
        <Table caption="Quarterly reviews" columns={['Quarter', 'Status', 'Closed', 'Attendees', 'Decisions', 'Action items', 'Snapshot SHA-256']}>
          {items.map((r) => (
            <tr key={r.id}>
              <Td>
                <Link href={`/reviews/${r.quarter}`}>{r.quarter}</Link>
              </Td>
              <Td>
                <Badge tone={STATUS[r.status][1]}>{STATUS[r.status][0]}</Badge>
              </Td>
              <Td><LocalTime iso={r.closedAt} /></Td>
              <Td>{r.attendees}</Td>
              <Td>{r.decisions}</Td>
              <Td>{r.actionItems}</Td>
              <Td className="font-mono text-xs">{r.snapshotHash ? `${r.snapshotHash.slice(0, 16)}…` : '—'}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
