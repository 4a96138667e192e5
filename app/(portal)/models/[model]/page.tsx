import type { Metadata } from 'next';
import Link from 'next/link';
import { RollbackDialog } from '@/components/models/rollback-dialog';
import { StageBadge } from '@/components/models/stage-badge';
import { VersionRedTeamCell } from '@/components/threats/version-red-team';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createVersionAction } from '@/lib/models/actions';
import { getModel } from '@/lib/models/queries';
import { createVersionFormSchema } from '@/lib/models/schema';
import { lastRedTeamByVersion } from '@/lib/threats/red-team/queries';

export const metadata: Metadata = { title: 'Model' };

export default async function ModelPage({ params }: { params: Promise<{ model: string }> }) {
  const { model: key } = await params;
  const actor = await requireActor();
  const m = await loadPage(getModel(actor, decodeURIComponent(key)));
  // One query for the whole list: each version's last red-team exercise.
  const redTeam = await lastRedTeamByVersion(actor, m.versions.map((v) => v.id));
  const production = m.versions.find((v) => v.stage === 'PRODUCTION');
  return (
    <>
      <p className="no-print mb-2 text-sm"><Link href="/models">← Models</Link></p>
      <PageHeader title={m.name} description={m.purpose} actions={m.capabilities.rollback && production ? <RollbackDialog modelId={m.id} from={production.label} /> : null} />
      <dl className="mb-6 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div><dt className="text-slate-600">Key</dt><dd><code>{m.key}</code></dd></div>
        <div><dt className="text-slate-600">AI system</dt><dd>{m.system.name} <Badge>{m.system.riskTier}</Badge></dd></div>
        <div><dt className="text-slate-600">Owner</dt><dd>{m.owner}</dd></div>
        <div><dt className="text-slate-600">Business owner</dt><dd>{m.businessOwner ?? 'not set'}</dd></div>
      </dl>
      <h2 className="mb-2">Versions</h2>
      {m.versions.length === 0 ? (
        <EmptyState title="No versions yet">Register the first version below, or from a training pipeline through the API.</EmptyState>
      ) : (
        <Table caption="Versions">
          <thead>
            <tr><Th>Version</Th><Th>Stage</Th><Th>Last red team</Th><Th>Created by</Th><Th>Created</Th></tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {m.versions.map((v) => (
              <tr key={v.id}>
                <Td><Link href={`/models/${m.key}/versions/${encodeURIComponent(v.label)}`} className="font-medium">{v.label}</Link></Td>
                <Td><StageBadge stage={v.stage} /></Td>
                <Td><VersionRedTeamCell last={redTeam[v.id]} /></Td>
                <Td>{v.createdBy}</Td>
                <Td><LocalTime iso={v.createdAt} /></Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <h2 className="mb-2 mt-8">Deployment history</h2>
      {m.deployments.length === 0 ? (
        <EmptyState title="Never deployed">Promotions, rollbacks and retirements appear here with who, when and why.</EmptyState>
      ) : (
        <Table caption="Deployment history">
          <thead>
            <tr><Th>When</Th><Th>What</Th><Th>Version</Th><Th>Replaced</Th><Th>Who</Th><Th>Why</Th></tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {m.deployments.map((d) => (
              <tr key={d.id}>
                <Td><LocalTime iso={d.at} /></Td>
                <Td><Badge tone={d.kind === 'ROLLBACK' ? 'bad' : d.kind === 'PROMOTION' ? 'good' : 'neutral'}>{d.kind.toLowerCase()}</Badge></Td>
                <Td>{d.version ?? '—'}</Td>
                <Td>{d.fromVersion ?? '—'}</Td>
                <Td>{d.actor}</Td>
                <Td>
                  {d.reason ?? '—'}
                  {d.incidentId ? <div className="text-xs text-slate-600">Incident <Link href={`/incidents/${d.incidentId}`}>{d.incidentId}</Link></div> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {m.capabilities.createVersion ? (
        <Card title="Register a version" className="no-print mt-8">
          <ActionForm action={createVersionAction} schema={createVersionFormSchema} fields={{ model: m.key }} submit="Register version" label="Register a version">
            <div className="grid gap-4 md:grid-cols-2">
              <TextField label="Version label" name="label" placeholder="e.g. 2.1.0" />
              <TextField label="Framework / library" name="framework" placeholder="e.g. scikit-learn 1.6" />
              <TextField label="Artifact URI" name="artifactUri" placeholder="s3://models/…" />
              <TextField label="Artifact SHA-256 digest" name="artifactDigest" placeholder="64 hexadecimal characters" />
              <TextField label="Artifact size (bytes)" name="artifactSize" type="number" min={0} />
              <TextAreaField label="Hyperparameters (JSON)" name="hyperparameters" rows={3} placeholder='{"max_depth": 6}' />
              <TextAreaField label="Metrics" name="metrics" rows={3} className="md:col-span-2" hint="One per line: name, value, >= or <=, threshold — e.g. auc, 0.86, >=, 0.80" />
            </div>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
