import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { ActionForm, TextField } from '@/components/ui/form';
import { startAccessReviewAction } from '@/lib/access-reviews/actions';
import { listAccessReviews } from '@/lib/access-reviews/queries';
import { startAccessReviewSchema } from '@/lib/access-reviews/schema';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Access reviews' };

export default async function AccessReviewsPage() {
  const actor = await requireActor();
  const { reviews, capabilities } = await loadPage(listAccessReviews(actor));
  return (
    <>
      <PageHeader title="Access reviews" description="Each quarter, confirm or revoke every user’s role and every API token. Closing a review files its report as evidence for SOC 2 CC6.2/CC6.3, ISO/IEC 27001 A.5.18 and HIPAA 164.308(a)(4)." />
      {capabilities.start ? (
        <Card title="Start a review" className="mb-6">
          <ActionForm action={startAccessReviewAction} schema={startAccessReviewSchema} label="Start an access review" submit="Start review" className="grid gap-4 md:grid-cols-2">
            <TextField label="Title" name="title" placeholder="e.g. Q1 2027 access review" />
            <TextField label="Due in (days)" name="dueInDays" type="number" defaultValue="14" hint="Each item goes to the person’s manager (set on Users), else to an administrator. Unanswered items are escalated to their reviewers and the administrators after this." />
          </ActionForm>
        </Card>
      ) : (
        <p className="mb-6 text-sm text-slate-700">The reviews below have roles and API tokens of the people you manage for you to confirm or revoke.</p>
      )}
      {reviews.length === 0 ? (
        <EmptyState title="No access reviews yet">{capabilities.start ? 'Start one above.' : 'None has items for you.'}</EmptyState>
      ) : (
        <Table caption="Access reviews">
          <thead>
            <tr>
              <Th>Review</Th>
              <Th>Started</Th>
              <Th>Due</Th>
              <Th>Items</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {reviews.map((r) => (
              <tr key={r.id}>
                <Td><Link className="font-medium underline" href={`/admin/access-reviews/${r.id}`}>{r.title}</Link></Td>
                <Td><LocalTime iso={r.startedAt} dateOnly /></Td>
                <Td><LocalTime iso={r.dueAt} dateOnly /></Td>
                <Td>{r.items} ({r.unanswered} unanswered)</Td>
                <Td>{r.status === 'CLOSED' ? <Badge tone="good">Closed</Badge> : <Badge tone="warn">Open</Badge>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
