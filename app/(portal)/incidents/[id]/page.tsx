import type { Metadata } from 'next';
import Link from 'next/link';
import { SeverityBadge, StatusBadge } from '@/components/incidents/badges';
import { DetailsCard } from '@/components/incidents/sections/details-card';
import { NotificationsCard, ResponseClocksCard } from '@/components/incidents/sections/clocks-card';
import { NotificationFactsCard } from '@/components/incidents/sections/facts-card';
import { PostmortemCard } from '@/components/incidents/sections/postmortem-card';
import { CorrectiveActionsCard, FindingsCard, RollbackCard } from '@/components/incidents/sections/response-cards';
import { SeverityCard } from '@/components/incidents/sections/severity-card';
import { TimelineCard } from '@/components/incidents/sections/timeline-card';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/card';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { getIncident } from '@/lib/incidents/queries';
import { TYPE_LABELS } from '@/lib/incidents/schema';

export const metadata: Metadata = { title: 'Incident' };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const inc = await loadPage(() => getIncident(actor, id));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/incidents">← Incidents</Link>
      </p>
      <PageHeader
        title={inc.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={inc.severity} />
            <StatusBadge status={inc.status} />
            <span>{TYPE_LABELS[inc.type]}</span>
            {inc.nearMiss ? <Badge>Near miss</Badge> : null}
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <DetailsCard inc={inc} />
        <SeverityCard inc={inc} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <ResponseClocksCard inc={inc} />
        <NotificationFactsCard inc={inc} />
      </div>
      <NotificationsCard inc={inc} />
      <TimelineCard inc={inc} />
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <RollbackCard inc={inc} />
        <FindingsCard inc={inc} />
      </div>
      <CorrectiveActionsCard inc={inc} actorUserId={actor.userId} />
      <PostmortemCard inc={inc} />
    </>
  );
}
