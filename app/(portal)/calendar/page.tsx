import type { Metadata } from 'next';
import { CreateFeedForm } from '@/components/calendar/create-feed-form';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { revokeCalendarFeedAction } from '@/lib/calendar/actions';
import { myCalendarFeeds } from '@/lib/calendar/queries';

export const metadata: Metadata = { title: 'Calendar feed' };

export default async function CalendarPage() {
  const actor = await requireActor();
  const { feedBase, feeds } = await loadPage(myCalendarFeeds(actor));
  const active = feeds.some((f) => !f.revokedAt);
  return (
    <>
      <PageHeader
        title="Calendar feed"
        description="A private address your calendar app (Outlook, Google Calendar, Apple Calendar) subscribes to: the due dates of findings you own, reviews of your requirements, expiries of your evidence, your action items, incident deadlines and the quarterly review meetings you take part in. Anyone with the address sees these, so keep it private; revoke it if it leaks."
      />
      <Card title={active ? 'Your feed URL' : 'Create your feed URL'} className="mb-6">
        <CreateFeedForm feedBase={feedBase} replaces={active} />
      </Card>
      {feeds.length ? (
        <Table caption="Your feed URLs">
          <thead>
            <tr>
              <Th>URL</Th>
              <Th>Created</Th>
              <Th>Last read</Th>
              <Th>Status</Th>
              <Th><span className="sr-only">Actions</span></Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {feeds.map((f) => (
              <tr key={f.id}>
                <Td><code className="text-xs">{feedBase}{f.prefix}…</code></Td>
                <Td><LocalTime iso={f.createdAt} /></Td>
                <Td><LocalTime iso={f.lastUsedAt} /></Td>
                <Td>{f.revokedAt ? <Badge tone="neutral">Revoked</Badge> : <Badge tone="good">Active</Badge>}</Td>
                <Td>
                  {f.revokedAt ? null : (
                    <ConfirmAction action={revokeCalendarFeedAction} fields={{ id: f.id }} label="Revoke" title="Revoke this feed URL?" body="Calendars subscribed to it stop receiving updates. You can create a new URL afterwards." />
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
