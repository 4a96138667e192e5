import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { ConfirmAction } from '@/components/ui/form';
import { closeAccessReviewAction, decideAccessReviewItemAction } from '@/lib/access-reviews/actions';
import { getAccessReview } from '@/lib/access-reviews/queries';
import { accessReviewIdSchema } from '@/lib/access-reviews/schema';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Access review' };

export default async function AccessReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = accessReviewIdSchema.parse(await params);
  const r = await loadPage(getAccessReview(actor, id));
  return (
    <>
      <PageHeader
        title={r.title}
        description={
          <>
            Started <LocalTime iso={r.startedAt} />, due <LocalTime iso={r.dueAt} />.{' '}
            {r.closedAt ? (
              <>
                Closed <LocalTime iso={r.closedAt} />; its answers are frozen. The report is filed as <Link className="underline" href="/audits/evidence">evidence</Link> <code className="text-xs">{r.evidenceId}</code>, SHA-256 <code className="break-all text-xs" data-testid="report-sha256">{r.reportSha256}</code>.{' '}
                <a className="underline" href={`/api/v1/evidence/${r.evidenceId}/download`}>Download the report (CSV)</a>
              </>
            ) : (
              'Revoking a role deactivates the person (their sessions and tokens end); revoking a token ends it.'
            )}
          </>
        }
      />
      {r.capabilities.close ? (
        <Card title="Every item is answered" className="mb-6">
          <ConfirmAction action={closeAccessReviewAction} fields={{ id: r.id }} label="Close the review" title="Close this access review?" body="Its answers are frozen and its report is filed as evidence." />
        </Card>
      ) : null}
      <Table caption={r.capabilities.everyItem ? 'Roles and tokens to review' : 'Roles and tokens for you to review'}>
        <thead>
          <tr>
            <Th>Kind</Th>
            <Th>What</Th>
            <Th>Reviewer</Th>
            <Th>Answer</Th>
            <Th><span className="sr-only">Actions</span></Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {r.items.map((i) => (
            <tr key={i.id} data-testid={`item-${i.subject}`}>
              <Td>{i.kind === 'role' ? 'Role' : 'API token'}</Td>
              <Td className="max-w-md text-sm">{i.subject}</Td>
              <Td>{i.reviewer}</Td>
              <Td>
                {i.decision === 'REVOKED' ? <Badge tone="bad">Revoked</Badge> : i.decision === 'CONFIRMED' ? <Badge tone="good">Confirmed</Badge> : i.escalatedAt ? <Badge tone="warn">Overdue</Badge> : <Badge>Open</Badge>}
                {i.decidedBy ? <div className="text-xs text-slate-600">{i.decidedBy}, <LocalTime iso={i.decidedAt} /></div> : null}
              </Td>
              <Td>
                {i.capabilities.decide ? (
                  <div className="flex flex-wrap gap-2">
                    <ConfirmAction action={decideAccessReviewItemAction} fields={{ itemId: i.id, decision: 'CONFIRMED' }} label="Confirm" title={`Confirm ${i.subject}?`} body="The access stays as it is." />
                    <ConfirmAction action={decideAccessReviewItemAction} fields={{ itemId: i.id, decision: 'REVOKED' }} label="Revoke" title={`Revoke ${i.subject}?`} body={i.kind === 'role' ? 'The person is deactivated: their sessions and API tokens end now.' : 'The token stops working now.'} />
                  </div>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
