import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { requestTimePrefs } from '@/lib/platform/time-prefs';
import { getBoardReport, reportsOverview } from '@/lib/reports/queries';
import { SOA_FRAMEWORKS } from '@/lib/reports/soa-schema';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage() {
  const actor = await requireActor();
  const [overview, prefs] = await Promise.all([loadPage(reportsOverview(actor)), requestTimePrefs()]);
  const board = overview.capabilities.boardReport ? await loadPage(getBoardReport(actor)) : null;
  const q = new URLSearchParams({ locale: prefs.locale, tz: prefs.timeZone }).toString();

  return (
    <>
      <PageHeader title="Reports" description="Documents and interchange files assembled from what the portal holds. Every PDF and DOCX states the organisation, when it was generated, and its content hash, which is recorded in the audit trail." />
      {board ? (
        <Card
          title="Board report"
          actions={
            <span className="flex gap-3 text-sm">
              <a href={`/api/v1/reports/board?format=pdf&${q}`}>Download PDF</a>
              <a href={`/api/v1/reports/board?format=docx&${q}`}>Download DOCX</a>
            </span>
          }
        >
          <div className="grid gap-4 md:grid-cols-2">
            {board.charts.map((c, i) => (
              <figure key={i} className="rounded border border-slate-200 p-2">
                <div dangerouslySetInnerHTML={{ __html: c.svg }} />
                <figcaption className="sr-only">{c.alt}</figcaption>
              </figure>
            ))}
          </div>
          <Table caption="Posture by framework" columns={['Framework', 'Compliant (of assessed)', 'Assessed', 'Matrix cells']} className="mt-4">
            {board.posture.map((p) => (
              <tr key={p.framework} data-testid="posture-row">
                <Td>{p.framework}</Td>
                <Td>{p.compliantPct}%</Td>
                <Td>{p.assessedPct}%</Td>
                <Td>{p.cells}</Td>
              </tr>
            ))}
          </Table>
          {board.topRegisterRisks.length ? (
            <Table caption="Top risks in the risk register" columns={['Ref', 'Risk', 'AI systems', 'Score', 'Treatment', 'Status']} className="mt-4">
              {board.topRegisterRisks.map((r) => (
                <tr key={r.ref}>
                  <Td>{r.ref}</Td>
                  <Td>{r.title}</Td>
                  <Td>{r.systems}</Td>
                  <Td>
                    {r.score} ({r.residual ? 'residual' : 'inherent'})
                  </Td>
                  <Td>{r.treatment.toLowerCase()}</Td>
                  <Td>{r.status.toLowerCase()}</Td>
                </tr>
              ))}
            </Table>
          ) : null}
        </Card>
      ) : null}

      {overview.capabilities.boardReport ? (
        <>
          <h2 className="mt-8 mb-2 text-lg font-semibold">Statements of Applicability</h2>
          <Table caption="Statements of Applicability" columns={['Standard', 'Statement']}>
            {Object.entries(SOA_FRAMEWORKS).map(([key, title]) => (
              <tr key={key}>
                <Td>{title}</Td>
                <Td>
                  <a href={`/reports/soa/${key}`}>Open the statement</a>
                </Td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}

      <h2 className="mt-8 mb-2 text-lg font-semibold">AI systems: EU AI Act technical documentation</h2>
      {overview.systems.length === 0 ? (
        <EmptyState title="No AI systems to document">Engineers see the systems they own; ask a compliance officer for the others.</EmptyState>
      ) : (
        <Table caption="AI systems" columns={['AI system', 'Risk tier', 'Technical documentation']}>
          {overview.systems.map((s) => (
            <tr key={s.id} data-testid="system-row">
              <Td>{s.name}</Td>
              <Td>{s.riskTier === 'HIGH' ? <Badge tone="warn">High risk</Badge> : s.riskTier.toLowerCase().replace(/_/g, ' ')}</Td>
              <Td>
                <a href={`/reports/systems/${s.id}`}>Annex IV completeness</a>
              </Td>
            </tr>
          ))}
        </Table>
      )}

      {overview.capabilities.auditReports ? (
        <>
          <h2 className="mt-8 mb-2 text-lg font-semibold">Audits</h2>
          {overview.audits.length === 0 ? (
            <EmptyState title="No audits" />
          ) : (
            <Table caption="Audit reports" columns={['Audit', 'Period end', 'Status', 'Report', 'OSCAL assessment results']}>
              {overview.audits.map((a) => (
                <tr key={a.id}>
                  <Td>{a.title}</Td>
                  <Td><LocalTime iso={a.periodEnd} dateOnly /></Td>
                  <Td>{a.status.toLowerCase()}</Td>
                  <Td>
                    <a href={`/api/v1/audits/${a.id}/report?format=pdf&${q}`}>PDF</a> · <a href={`/api/v1/audits/${a.id}/report?format=docx&${q}`}>DOCX</a>
                  </Td>
                  <Td><a href={`/api/v1/audits/${a.id}/oscal`}>JSON</a></Td>
                </tr>
              ))}
            </Table>
          )}
        </>
      ) : null}

      {overview.capabilities.oscal ? (
        <>
          <h2 className="mt-8 mb-2 text-lg font-semibold">OSCAL catalogs of custom frameworks</h2>
          {overview.frameworks.length === 0 ? (
            <EmptyState title="No custom frameworks">Shipped frameworks are not re-published as catalogs; frameworks the organisation writes or imports are.</EmptyState>
          ) : (
            <Table caption="Custom frameworks" columns={['Framework', 'OSCAL catalog', 'OSCAL profile']}>
              {overview.frameworks.map((f) => (
                <tr key={f.id}>
                  <Td>{f.name}</Td>
                  <Td><a href={`/api/v1/frameworks/${f.id}/oscal`}>Catalog JSON</a></Td>
                  <Td><a href={`/api/v1/oscal/profile?frameworks=${encodeURIComponent(f.key)}`}>Profile JSON</a></Td>
                </tr>
              ))}
            </Table>
          )}
        </>
      ) : null}
    </>
  );
}
