import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { inputClass } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td, Th } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { listOutbox } from '@/lib/notifications/queries';
import { listOutboxQuerySchema, MAIL_STATUS_LABELS, MAIL_STATUSES } from '@/lib/notifications/schema';

export const metadata: Metadata = { title: 'Outbox' };

const TONES: Record<(typeof MAIL_STATUSES)[number], Tone> = { QUEUED: 'info', SENT: 'good', FAILED: 'bad' };

const DELIVERY = {
  smtp: 'Mail is sent through the SMTP server set in SMTP_URL.',
  capture: 'No SMTP_URL is set: mail goes to the SMTP server started inside the portal (demo mode and tests). Nothing leaves this machine; every mail is listed here.',
  none: 'No SMTP_URL is set: mail cannot be sent and stays failed until it is. Set SMTP_URL and MAIL_FROM.',
} as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listOutboxQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listOutboxQuerySchema.parse({});
  const list = await loadPage(listOutbox(actor, query));

  return (
    <>
      <PageHeader title="Outbox" description={`Every e-mail the portal sent or is sending, newest first. ${DELIVERY[list.delivery]}`} />
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-red-700">Some filters were not understood and were ignored.</p> : null}
      <form className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter mail">
        <div>
          <label htmlFor="f-status" className="block text-sm font-medium">Status</label>
          <select id="f-status" name="status" defaultValue={query.status ?? ''} className={inputClass}>
            <option value="">Any</option>
            {MAIL_STATUSES.map((s) => (
              <option key={s} value={s}>{MAIL_STATUS_LABELS[s]} ({list.counts[s]})</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
        {query.status ? <Link href="/admin/outbox" className="py-2 text-sm">Clear filters</Link> : null}
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={query.status ? 'No mail matches' : 'No mail yet'}>Reminders and digests appear here once the notification jobs have queued them.</EmptyState>
      ) : (
        <Table caption="E-mails, newest first">
          <thead>
            <tr>
              <Th>To</Th>
              <Th>Subject and body</Th>
              <Th>Status</Th>
              <Th>Queued</Th>
              <Th>Sent</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {list.items.map((m) => (
              <tr key={m.id} data-testid="outbox-mail">
                <Td className="text-sm">{m.to}</Td>
                <Td className="max-w-xl text-sm">
                  <details>
                    <summary className="cursor-pointer font-medium">{m.subject}</summary>
                    <pre className="mt-2 whitespace-pre-wrap break-words text-xs text-slate-800">{m.text}</pre>
                  </details>
                  {m.digest ? <Badge className="mt-1">Digest</Badge> : null}
                </Td>
                <Td className="text-sm">
                  <Badge tone={TONES[m.status]}>{MAIL_STATUS_LABELS[m.status]}</Badge>
                  <div className="text-xs text-slate-600">{m.attempts} attempt{m.attempts === 1 ? '' : 's'}</div>
                  {m.lastError ? <div className="text-xs text-red-800">{m.lastError}</div> : null}
                </Td>
                <Td><LocalTime iso={m.createdAt} /></Td>
                <Td><LocalTime iso={m.sentAt} /></Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{ status: query.status }} basePath="/admin/outbox" />
    </>
  );
}
