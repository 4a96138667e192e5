import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { notFound } from 'next/navigation';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { requestTimePrefs } from '@/lib/platform/time-prefs';
import { getTechnicalDocumentationStatus } from '@/lib/reports/queries';

export const metadata: Metadata = { title: 'Technical documentation' };

const TONE = { complete: 'good', incomplete: 'warn', missing: 'bad' } as const;
const LABEL = { complete: 'Complete', incomplete: 'Incomplete', missing: 'Missing' } as const;

export default async function TechnicalDocumentationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const actor = await requireActor();
  const [doc, prefs] = await Promise.all([loadPage(getTechnicalDocumentationStatus(actor, id)), requestTimePrefs()]);
  const q = new URLSearchParams({ locale: prefs.locale, tz: prefs.timeZone }).toString();
  const base = `/api/v1/ai-systems/${doc.system.id}/technical-documentation/export`;
  return (
    <>
      <PageHeader
        title={`Technical documentation: ${doc.system.name}`}
        description={`EU AI Act Article 11 and Annex IV, assembled from the registry. Content SHA-256 ${doc.contentSha256.slice(0, 16)}…`}
        actions={
          <span className="flex gap-3 text-sm">
            <a href={`${base}?format=pdf&${q}`}>Download PDF</a>
            <a href={`${base}?format=docx&${q}`}>Download DOCX</a>
          </span>
        }
      />
      <Table caption="Annex IV points" columns={['Point', 'Status', 'Where it is filled in']}>
        {doc.points.map((p) => (
          <tr key={p.point} data-testid="annex-point">
            <Td>
              {p.point}. {p.title}
            </Td>
            <Td>
              <Badge tone={TONE[p.status]}>{LABEL[p.status]}</Badge>
            </Td>
            <Td>
              <a href={new URL(p.link).pathname + new URL(p.link).search}>Open</a>
            </Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
