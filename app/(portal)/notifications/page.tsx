import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, inputClass } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { markAllNotificationsReadAction, markNotificationReadAction } from '@/lib/notifications/actions';
import { NOTIFICATION_KIND_KEYS, NOTIFICATION_KINDS } from '@/lib/notifications/kinds';
import { listNotifications } from '@/lib/notifications/queries';
import { listNotificationsQuerySchema } from '@/lib/notifications/schema';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listNotificationsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listNotificationsQuerySchema.parse({});
  const list = await loadPage(listNotifications(actor, query));
  const filtered = Boolean(query.unread || query.kind);

  return (
    <>
      <PageHeader
        title="Notifications"
        description={`Reminders and events addressed to you. ${list.unread} unread.`}
        actions={
          <>
            <Link href="/notifications/preferences" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm no-underline">
              Preferences
            </Link>
            {list.unread > 0 ? (
              <ActionForm action={markAllNotificationsReadAction} label="Mark all notifications read" submit="Mark all read" variant="secondary" announce="toast" />
            ) : null}
          </>
        }
      />
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-red-700">Some filters were not understood and were ignored.</p> : null}

      <form className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter notifications">
        <div>
          <label htmlFor="f-unread" className="block text-sm font-medium">Show</label>
          <select id="f-unread" name="unread" defaultValue={query.unread ?? ''} className={inputClass}>
            <option value="">All</option>
            <option value="true">Unread only</option>
            <option value="false">Read only</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-kind" className="block text-sm font-medium">Kind</label>
          <select id="f-kind" name="kind" defaultValue={query.kind ?? ''} className={inputClass}>
            <option value="">Any</option>
            {NOTIFICATION_KIND_KEYS.map((k) => (
              <option key={k} value={k}>{NOTIFICATION_KINDS[k].label}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
        {filtered ? <Link href="/notifications" className="py-2 text-sm">Clear filters</Link> : null}
      </form>

      {list.items.length === 0 ? (
        <EmptyState title={filtered ? 'No notifications match' : 'No notifications yet'}>
          {filtered ? 'Try another filter.' : 'Reminders before due dates, expiries and deadlines appear here.'}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Notifications, newest first">
          {list.items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start justify-between gap-3 px-4 py-3 ${n.readAt ? '' : 'bg-brand-50/40'}`} data-testid="notification">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {n.readAt ? null : <span className="sr-only">Unread: </span>}
                  <Link href={n.link}>{n.title}</Link>
                </p>
                {n.body ? <p className="mt-0.5 text-sm text-slate-700">{n.body}</p> : null}
                <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span>{n.kindLabel}</span>
                  <span aria-hidden="true">·</span>
                  <LocalTime iso={n.createdAt} />
                  {n.mandatory ? <Badge tone="warn">Required</Badge> : null}
                  {n.readAt ? <Badge>Read</Badge> : <Badge tone="info">Unread</Badge>}
                </p>
              </div>
              {n.readAt ? null : (
                <ActionForm action={markNotificationReadAction} fields={{ id: n.id }} label={`Mark "${n.title}" read`} submit="Mark read" variant="secondary" announce="toast" />
              )}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{ unread: query.unread, kind: query.kind }} basePath="/notifications" />
    </>
  );
}
