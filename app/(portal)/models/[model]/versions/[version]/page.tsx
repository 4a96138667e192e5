import type { Metadata } from 'next';
import Link from 'next/link';
import { StageBadge } from '@/components/models/stage-badge';
import { ArtifactCard, AttestationCard } from '@/components/models/version/artifact-cards';
import { GatePanel } from '@/components/models/version/gate-panel';
import { RecordResults } from '@/components/models/version/record-results';
import { VulnerabilityScans } from '@/components/models/version/vulnerability-scans';
import { FairnessSection, HistoryTable, LineageTable, MetricsTable, RobustnessCards } from '@/components/models/version/results';
import { ButtonLink, buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { entityHistory } from '@/lib/audit/queries';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { versionVulnerabilities } from '@/lib/interchange/vulnerability-scans';
import { getVersion, listDatasets } from '@/lib/models/queries';
import { VersionRedTeamCard } from '@/components/threats/version-red-team';
import { lastRedTeamByVersion } from '@/lib/threats/red-team/queries';

export const metadata: Metadata = { title: 'Model version' };

export default async function VersionPage({ params }: { params: Promise<{ model: string; version: string }> }) {
  const p = await params;
  const actor = await requireActor();
  const v = await loadPage(getVersion(actor, decodeURIComponent(p.model), decodeURIComponent(p.version)));
  const editable = v.capabilities.edit;
  const [datasets, history, scans, redTeam] = await Promise.all([
    editable ? listDatasets(actor, { pageSize: 200 }).then((r) => r.items) : Promise.resolve([]),
    entityHistory(actor, 'models:read', 'model_version', v.id, 50),
    versionVulnerabilities(actor, v.model.key, v.label),
    lastRedTeamByVersion(actor, [v.id]),
  ]);
  const base = `/api/v1/models/${v.model.key}/versions/${encodeURIComponent(v.label)}`;

  return (
    <>
      <p className="no-print mb-2 text-sm">
        <Link href={`/models/${v.model.key}`}>← {v.model.name}</Link>
      </p>
      <PageHeader
        title={`${v.model.name} ${v.label}`}
        description={
          <>
            AI system {v.model.system} · created by {v.createdBy} on <LocalTime iso={v.createdAt} /> · <StageBadge stage={v.stage} />
          </>
        }
        actions={
          <>
            <ButtonLink href={`/models/${v.model.key}/versions/${encodeURIComponent(v.label)}/card`}>Model card</ButtonLink>
            {/* A plain link: the router would fetch the JSON as a page first. */}
            <a className={buttonClass('secondary')} href={`${base}/gate`}>
              Gate (JSON)
            </a>
          </>
        }
      />
      <GatePanel v={v} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ArtifactCard v={v} />
        <AttestationCard v={v} base={base} />
      </div>
      <h2 className="mb-2 mt-8">Metrics and thresholds</h2>
      <MetricsTable v={v} />
      <h2 className="mb-2 mt-8">Data lineage</h2>
      <LineageTable v={v} />
      <h2 className="mb-2 mt-8">Fairness</h2>
      <FairnessSection v={v} />
      <RobustnessCards v={v} />
      <VersionRedTeamCard last={redTeam[v.id] ?? null} />
      <h2 className="mb-2 mt-8">Vulnerability scans</h2>
      <VulnerabilityScans endpoint={`${base}/vulnerability-scans`} scans={scans.scans} canImport={scans.canImport} maxMb={scans.maxBytes / 1024 / 1024} />
      <h2 className="mb-2 mt-8">History</h2>
      <HistoryTable history={history} />
      {editable ? <RecordResults v={v} datasets={datasets} /> : null}
    </>
  );
}
