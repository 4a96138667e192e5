import type { Metadata } from 'next';
import Link from 'next/link';
import { PrivacyNav } from '@/components/privacy/badges';
import { Badge } from '@/components/ui/badge';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { listMinimisationReviews } from '@/lib/privacy/retention/queries';

export const metadata: Metadata = { title: 'Data-minimisation reviews' };

export default async function MinimisationPage() {
  const actor = await requireActor();
  const reviews = await loadPage(listMinimisationReviews(actor));
  return (
    <>
      <PageHeader title="Data-minimisation reviews" description="Each quarter every dataset owner answers, for each of their datasets past retention, without recent use or kept as a development copy of restricted data: keep (with the reason) or delete (with the deletion evidence)." />
      <PrivacyNav />
      {reviews.length === 0 ? (
        <EmptyState title="No review yet">The quarterly job opens a review for each owner with datasets to answer.</EmptyState>
      ) : (
        <Table caption="Data-minimisation reviews" columns={['Quarter', 'Owner', 'Answered', 'Due', 'Status']}>
          {reviews.map((r) => (
            <tr key={r.id} data-testid="minimisation-row">
              <Td><Link href={`/privacy/minimisation/${r.id}`} className="font-medium">{r.quarter}</Link></Td>
              <Td>{r.owner}</Td>
              <Td>{r.answered} of {r.total}</Td>
              <Td><LocalTime iso={r.dueAt} dateOnly /></Td>
              <Td>{r.completedAt ? <Badge tone="good">Complete</Badge> : r.overdue ? <Badge tone="bad">Overdue</Badge> : <Badge tone="warn">In progress</Badge>}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
