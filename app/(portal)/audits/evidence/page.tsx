import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditsNav } from '@/components/audits/audits-nav';
import { EvidenceUploadForm } from '@/components/audits/evidence-upload';
import { WithdrawEvidenceButton } from '@/components/audits/evidence-withdraw';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td, Th } from '@/components/ui/table';
import { Combobox, DateField, FileField, TextAreaField, TextField } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { evidenceConfig } from '@/lib/audits/evidence/config';
import { formatBytes } from '@/lib/audits/evidence/file-type';
import { evidenceUploadCapability, listEvidence } from '@/lib/audits/evidence/queries';
import { listEvidenceQuerySchema } from '@/lib/audits/evidence/schema';

export const metadata: Metadata = { title: 'Evidence' };

export default async function EvidencePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listEvidenceQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listEvidenceQuerySchema.parse({});
  const { items, total, page, pageSize } = await loadPage(listEvidence(actor, query));
  // Compliance and admins add any evidence; owners add it from their findings.
  const canWrite = await evidenceUploadCapability(actor, query.findingId);
  const cfg = evidenceConfig();
  const filter = { q: query.q, stale: query.stale, findingId: query.findingId, requirementId: query.requirementId };

  return (
    <>
      <PageHeader
        title={query.stale === 'true' ? 'Stale evidence' : 'Evidence'}
        description="Files are stored outside the web root; each download re-checks the file's SHA-256 and is recorded in the audit trail."
        actions={query.stale === 'true' ? <Link href="/audits/evidence">All evidence</Link> : <Link href="/audits/evidence?stale=true">Stale evidence</Link>}
      />
      <AuditsNav current="/audits/evidence" />
      <form className="no-print mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter evidence">
        <TextField label="Search title" name="q" id="filter-q" defaultValue={query.q} />
        {query.findingId ? <input type="hidden" name="findingId" value={query.findingId} /> : null}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="stale" value="true" defaultChecked={query.stale === 'true'} /> Stale only (past valid-until)
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
      </form>
      {items.length === 0 ? (
        <EmptyState title={query.stale === 'true' ? 'No stale evidence' : 'No evidence matches'}>{canWrite ? 'Add evidence below.' : null}</EmptyState>
      ) : (
        <Table caption="Evidence">
          <thead>
            <tr>
              <Th>Evidence</Th>
              <Th>Type</Th>
              <Th>Collected</Th>
              <Th>Valid until</Th>
              <Th>SHA-256</Th>
              <Th><span className="sr-only">Actions</span></Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {items.map((e) => (
              <tr key={e.id} data-testid="evidence-row">
                <Td>
                  <a href={`/api/v1/evidence/${e.id}/download`} className="font-medium">{e.title}</a>
                  <div className="text-xs text-slate-600">{e.fileName ?? e.url} · <span title="Evidence ID">{e.id}</span></div>
                </Td>
                <Td>{e.kind === 'LINK' ? 'Link' : `${e.contentType} · ${formatBytes(e.size ?? 0)}`}</Td>
                <Td>
                  <LocalTime iso={e.collectedAt} dateOnly />
                  <div className="text-xs text-slate-600">{e.collectedByName ?? '—'}</div>
                </Td>
                <Td>
                  <LocalTime iso={e.validUntil} dateOnly /> {e.stale ? <Badge tone="warn">Stale</Badge> : null}
                </Td>
                <Td><code className="text-xs">{e.sha256 ? `${e.sha256.slice(0, 12)}…` : '—'}</code></Td>
                <Td>
                  {e.withdrawnAt ? <Badge>{e.supersededById ? 'Superseded' : 'Withdrawn'}</Badge> : null}
                  {e.capabilities.withdraw ? <WithdrawEvidenceButton id={e.id} title={e.title} /> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} params={filter} basePath="/audits/evidence" />
      {canWrite ? (
        <Card title="Add evidence" className="mt-6">
          <EvidenceUploadForm label="Add evidence">
            <div className="grid gap-4 md:grid-cols-2">
              <TextField label="Title" name="title" required />
              <DateField label="Valid until" name="validUntil" hint="After this date the evidence is listed as stale." />
              <FileField label="File" name="file" hint={`Up to ${formatBytes(cfg.maxBytes)}: PDF, images, Office documents, text, JSON or ZIP. The type is checked from the content.`} />
              <TextField label="…or a link" name="url" type="url" placeholder="https://" />
              <TextAreaField label="Description" name="description" rows={2} className="md:col-span-2" />
              {query.findingId ? <input type="hidden" name="findingIds" value={query.findingId} /> : null}
              <Combobox multiple source="requirements" label="Requirements" name="requirementIds" />
              <Combobox multiple source="controls" label="Controls" name="controlIds" />
              <Combobox multiple source="model-versions" label="Model versions" name="modelVersionIds" />
              <Combobox multiple source="matrix-cells" label="Matrix cells" name="cellIds" hint="A requirement for one AI system." />
              {query.findingId ? null : <Combobox multiple source="findings" label="Findings" name="findingIds" />}
            </div>
          </EvidenceUploadForm>
        </Card>
      ) : null}
    </>
  );
}
