import type { Metadata } from 'next';
import Link from 'next/link';
import { ReviewForm } from '@/components/requirements/review-form';
import { Badge } from '@/components/ui/badge';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { listRequirements } from '@/lib/requirements/queries';

export const metadata: Metadata = { title: 'My requirements' };

export default async function MyRequirementsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const overdue = sp.overdue === 'true';
  const list = await loadPage(listRequirements(actor, { owner: 'me', overdue: overdue || undefined, page: Number(sp.page ?? 1) || 1, pageSize: 25 }));
  return (
    <>
      <PageHeader title="My requirements" description="The requirements you own. Record a review each cycle: it becomes your attestation for the quarter and sets the next due date." />
      <p className="mb-4 text-sm">
        {overdue ? <Link href="/requirements/mine">Show all</Link> : <Link href="/requirements/mine?overdue=true">Show only overdue</Link>} · <Link href="/requirements?owner=me">See them in the matrix</Link>
      </p>
      {list.items.length === 0 ? (
        <EmptyState title={overdue ? 'None of your requirements is overdue' : 'You do not own any requirement'}>A compliance officer assigns owners in the library.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {list.items.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="my-requirement">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <div className="text-xs text-slate-600">{r.frameworkName}</div>
                  <Link href={`/requirements/items/${r.id}`} className="font-medium">{r.ref} — {r.title}</Link>
                </div>
                <div className="text-sm">
                  Next review <LocalTime iso={r.nextReviewDue} dateOnly /> {r.overdue ? <Badge tone="bad">Overdue</Badge> : null}
                </div>
              </div>
              {r.canReview ? (
                <div className="mt-3">
                  <ReviewForm requirementId={r.id} label={`Record a review of ${r.ref}`} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{ overdue: overdue ? 'true' : undefined }} basePath="/requirements/mine" />
    </>
  );
}
