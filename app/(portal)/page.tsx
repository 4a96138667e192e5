import type { Metadata } from 'next';
import { PageHeader, Stat } from '@/components/ui/card';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { homeStats } from '@/lib/home/queries';
import { loadPage } from '@/lib/auth/page';
import { myActionItems } from '@/lib/reviews/queries';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import { ActionItemStatusButton } from '@/components/reviews/review-forms';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Home' };

const INTRO: Record<string, string> = {
  ADMIN: 'You manage who can use the portal, API tokens for pipelines, and the integrity of the audit trail.',
  COMPLIANCE_OFFICER: 'You keep the requirements matrix, sign off models before production, and run the quarterly review.',
  ENGINEER: 'You register models and their versions, record results, and take them through the compliance gates.',
  AUDITOR: 'You review evidence, raise findings and verify remediation. Everything else is read-only for you.',
};

export default async function HomePage() {
  const actor = await requireActor();
  const [stats, actionItems] = await Promise.all([loadPage(homeStats(actor)), loadPage(myActionItems(actor))]);
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name.split(' ')[0]}`}
        description={`${actor.role ? ROLE_LABELS[actor.role] : ''}. ${actor.role ? INTRO[actor.role] : ''}`}
      />
      {stats.length ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {stats.map((s) => (
            <Stat key={s.label} {...s} />
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-700">Nothing needs your attention right now.</p>
      )}
      <Card title="Your action items" className="mt-6">
        {actionItems.length === 0 ? (
          <p className="text-sm text-slate-700">No open action items from quarterly reviews.</p>
        ) : (
          <ul className="divide-y divide-slate-200" data-testid="my-action-items">
            {actionItems.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  {a.title}{' '}
                  <span className="text-slate-600">
                    · <Link href={`/reviews/${a.quarter}`}>{a.quarter} review</Link> · due <LocalTime iso={a.dueDate} dateOnly />
                  </span>{' '}
                  {a.overdue ? <Badge tone="bad">Overdue</Badge> : null}
                </span>
                {actor.role !== 'AUDITOR' ? <ActionItemStatusButton id={a.id} status="OPEN" title={a.title} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
