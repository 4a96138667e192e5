import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ApproveSoa, SoaEntryForm } from '@/components/reports/soa-forms';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { requestTimePrefs } from '@/lib/platform/time-prefs';
import { getStatementOfApplicability, IMPLEMENTATION_LABEL } from '@/lib/reports/queries';
import { soaFrameworkKeySchema } from '@/lib/reports/soa-schema';

export const metadata: Metadata = { title: 'Statement of Applicability' };

const TONE = { COMPLIANT: 'good', PARTIALLY_COMPLIANT: 'warn', NON_COMPLIANT: 'bad', NOT_ASSESSED: 'neutral', NOT_APPLICABLE: 'neutral' } as const;

export default async function SoaPage({ params }: { params: Promise<{ framework: string }> }) {
  const key = soaFrameworkKeySchema.safeParse((await params).framework);
  if (!key.success) notFound();
  const actor = await requireActor();
  const [soa, prefs] = await Promise.all([loadPage(getStatementOfApplicability(actor, key.data)), requestTimePrefs()]);
  const q = new URLSearchParams({ locale: prefs.locale, tz: prefs.timeZone }).toString();
  const base = `/api/v1/reports/soa/${key.data}/export`;
  const s = soa.summary;
  return (
    <>
      <PageHeader
        title={`Statement of Applicability: ${soa.framework.title}`}
        description={`${s.controls} controls: ${s.included} included, ${s.excluded} excluded; ${s.implemented} implemented, ${s.partial} partially, ${s.notImplemented} not implemented, ${s.notAssessed} not assessed.`}
        actions={
          <span className="flex flex-wrap items-center gap-3 text-sm">
            <a href={`${base}?format=pdf&${q}`}>Download PDF</a>
            <a href={`${base}?format=docx&${q}`}>Download DOCX</a>
            <a href={`${base}?format=xlsx&${q}`}>Download XLSX</a>
            <a href={`${base}?format=csv&${q}`}>Download CSV</a>
            {soa.capabilities.canManage ? <ApproveSoa framework={key.data} title={`Statement of Applicability (${soa.framework.title})`} /> : null}
          </span>
        }
      />
      <Card title="Approved versions">
        {soa.versions.length === 0 ? (
          <p className="text-sm text-slate-600">No version has been approved yet; the statement below is the working draft.</p>
        ) : (
          <Table caption="Approved versions" columns={['Version', 'Approved', 'By', 'Content SHA-256', 'Download']}>
            {soa.versions.map((v) => (
              <tr key={v.version} data-testid="soa-version">
                <Td>{v.version}</Td>
                <Td><LocalTime iso={v.approvedAt} /></Td>
                <Td>{v.approvedBy}</Td>
                <Td><code className="text-xs">{v.contentSha256.slice(0, 16)}…</code></Td>
                <Td>
                  <a href={`${base}?format=pdf&version=${v.version}&${q}`}>PDF</a> · <a href={`${base}?format=xlsx&version=${v.version}&${q}`}>XLSX</a>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Table caption="Annex A controls" columns={['Control', 'Applicability', 'Justification', 'Implementation', 'Evidence']} className="mt-6">
        {soa.rows.map((r) => (
          <tr key={r.requirementId} data-testid="soa-row">
            <Td>
              <span className="font-medium">{r.ref}</span> {r.title}
            </Td>
            <Td>{r.included ? <Badge tone="good">Included</Badge> : <Badge tone="neutral">Excluded</Badge>}</Td>
            <Td>
              <p>{r.justification}</p>
              {r.decided ? null : <p className="text-xs text-slate-600">From the requirements matrix</p>}
              {soa.capabilities.canManage ? <SoaEntryForm requirementId={r.requirementId} refLabel={r.ref} included={r.included} justification={r.justification} /> : null}
            </Td>
            <Td><Badge tone={TONE[r.implementation as keyof typeof TONE]}>{IMPLEMENTATION_LABEL[r.implementation as keyof typeof IMPLEMENTATION_LABEL]}</Badge></Td>
            <Td>{r.evidence.length ? r.evidence.join('; ') : '—'}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
