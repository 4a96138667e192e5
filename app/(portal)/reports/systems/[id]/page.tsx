import Link from 'next/link';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { notFound } from 'next/navigation';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { requestTimePrefs } from '@/lib/platform/time-prefs';
import { systemVulnerabilities } from '@/lib/interchange/vulnerability-scans';
import { getTechnicalDocumentationStatus } from '@/lib/reports/queries';
import { LocalTime } from '@/components/ui/local-time';

export const metadata: Metadata = { title: 'Technical documentation' };

const TONE = { complete: 'good', incomplete: 'warn', missing: 'bad' } as const;
const LABEL = { complete: 'Complete', incomplete: 'Incomplete', missing: 'Missing' } as const;

export default async function TechnicalDocumentationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const actor = await requireActor();
  const [doc, prefs, vulns] = await Promise.all([loadPage(getTechnicalDocumentationStatus(actor, id)), requestTimePrefs(), loadPage(systemVulnerabilities(actor, id))]);
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
      <h2 className="mt-8 mb-2 text-lg font-semibold">Vulnerability scans</h2>
      {vulns.rows.length === 0 ? (
        <p className="text-sm text-slate-600">No scan report has been imported for this system&apos;s model versions. Import one on a model version&apos;s page (SARIF, CycloneDX VEX, Trivy, Grype or pip-audit JSON), or POST it to /api/v1/models/&#123;model&#125;/versions/&#123;version&#125;/vulnerability-scans.</p>
      ) : (
        <Table caption={`Latest scan of each model version: ${vulns.totals.CRITICAL} critical, ${vulns.totals.HIGH} high, ${vulns.totals.MEDIUM} medium, ${vulns.totals.LOW} low, ${vulns.totals.UNKNOWN} unrated`} columns={['Model version', 'Scanned', 'Tool', 'Critical', 'High', 'Medium', 'Low', 'Unrated', 'Oldest critical']}>
          {vulns.rows.map((r) => (
            <tr key={`${r.modelKey}/${r.version}`} data-testid="scan-row">
              <Td><Link href={`/models/${encodeURIComponent(r.modelKey)}/versions/${encodeURIComponent(r.version)}`}>{r.model} {r.version}</Link></Td>
              <Td><LocalTime iso={r.scannedAt} /></Td>
              <Td>{r.tool}</Td>
              <Td>{r.counts.CRITICAL ? <Badge tone="bad">{r.counts.CRITICAL}</Badge> : 0}</Td>
              <Td>{r.counts.HIGH}</Td>
              <Td>{r.counts.MEDIUM}</Td>
              <Td>{r.counts.LOW}</Td>
              <Td>{r.counts.UNKNOWN}</Td>
              <Td>{r.oldestCriticalDays == null ? '—' : `${r.oldestCriticalDays} days`}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
