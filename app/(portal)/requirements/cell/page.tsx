import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/requirements/status-badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { getCell } from '@/lib/requirements/queries';
import { notFound } from 'next/navigation';

export const metadata: Metadata = { title: 'Matrix cell' };

export default async function CellPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { requirementId, systemId } = await searchParams;
  if (!requirementId || !systemId || requirementId.length > 64 || systemId.length > 64) notFound();
  const c = await loadPage(getCell(actor, requirementId, systemId));
  return (
    <>
      <PageHeader title={`${c.requirement.ref} · ${c.system.name}`} description={<><Link href={`/requirements/items/${c.requirement.id}`}>{c.requirement.title}</Link> ({c.requirement.frameworkName})</>} />
      <Card title="Current assessment" className="mb-6">
        <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium">Status</dt>
          <dd><StatusBadge status={c.cell.status} /> {c.derivedFromControls ? '(from the mapped controls)' : ''}</dd>
          <dt className="font-medium">Justification</dt>
          <dd>{c.cell.justification ?? '—'}</dd>
          <dt className="font-medium">Notes</dt>
          <dd>{c.cell.notes ?? '—'}</dd>
          <dt className="font-medium">Evidence</dt>
          <dd>
            {c.cell.evidenceUrl ? <a href={c.cell.evidenceUrl} rel="noopener noreferrer">{c.cell.evidenceUrl}</a> : c.monitoring ? null : '—'}
            {c.monitoring ? <div><a href={c.monitoring.href}>{c.monitoring.label}</a> (the post-market monitoring plan)</div> : null}
          </dd>
          <dt className="font-medium">Assessed</dt>
          <dd>{c.cell.assessedBy ?? '—'} · <LocalTime iso={c.cell.assessedAt} /></dd>
        </dl>
        <p className="mt-3 text-sm text-slate-600">{c.canEdit ? 'Edit this cell in the matrix (select it and press Enter).' : 'You can read this cell; you cannot edit it.'}</p>
      </Card>
      <Card title="History (from the audit trail)">
        {c.history.length === 0 ? (
          <EmptyState title="Never assessed" />
        ) : (
          <ol className="space-y-3 text-sm">
            {c.history.map((h) => (
              <li key={h.seq} className="border-l-2 border-slate-300 pl-3">
                <div>
                  <LocalTime iso={h.at} /> · <strong>{h.actorLabel}</strong>
                </div>
                <pre className="mt-1 whitespace-pre-wrap break-words text-xs text-slate-700">{JSON.stringify(h.changes, null, 1)}</pre>
                {h.reason ? <div className="text-xs">Reason: {h.reason}</div> : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}
