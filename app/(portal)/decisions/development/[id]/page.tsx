import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { getDevelopmentDecision } from '@/lib/decisions/queries';

export const metadata: Metadata = { title: 'Development decision' };

export default async function DevelopmentDecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const d = await loadPage(getDevelopmentDecision(actor, decodeURIComponent(id)));
  const versionHref = d.version ? `/models/${encodeURIComponent(d.model.key)}/versions/${encodeURIComponent(d.version.label)}` : `/models/${encodeURIComponent(d.model.key)}`;
  return (
    <>
      <p className="no-print mb-2 text-sm"><Link href="/decisions/development">← Development decisions</Link></p>
      <PageHeader
        title={d.title}
        description={<><Link href={versionHref}>{d.model.name}{d.version ? ` ${d.version.label}` : ''}</Link> · approved by {d.approver.name} · decided <LocalTime iso={d.decidedAt} dateOnly />{d.createdBy ? ` · recorded by ${d.createdBy}` : ''}</>}
      />
      <div className="grid gap-6">
        {([['Context', d.context], ['Decision', d.decision], ['Alternatives considered', d.alternatives], ['Consequences', d.consequences]] as const).map(([title, text]) => (
          <Card key={title} title={title}>
            <p className="whitespace-pre-line text-sm">{text || '—'}</p>
          </Card>
        ))}
      </div>
    </>
  );
}
