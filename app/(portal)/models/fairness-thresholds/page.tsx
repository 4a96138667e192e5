import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, TextField } from '@/components/ui/form';
import { Table, Td, Th } from '@/components/ui/table';
import { registryCapabilities } from '@/lib/models/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { setThresholdsAction } from '@/lib/models/actions';
import { listSystemsForModels } from '@/lib/models/queries';
import { thresholdsSchema } from '@/lib/models/schema';

export const metadata: Metadata = { title: 'Fairness thresholds' };

export default async function ThresholdsPage() {
  const actor = await requireActor();
  const systems = await loadPage(listSystemsForModels(actor));
  const mayEdit = registryCapabilities(actor).setFairnessThresholds;
  return (
    <>
      <p className="no-print mb-2 text-sm"><Link href="/models">← Models</Link></p>
      <PageHeader title="Fairness thresholds" description="Per AI system, set by compliance. Every version of the system’s models is checked against them; a failing check blocks approval unless a mitigation is accepted." />
      {systems.length === 0 ? <EmptyState title="No AI systems yet" /> : (
        <Table caption="Fairness thresholds per AI system">
          <thead><tr><Th>AI system</Th><Th>Parity difference ≤</Th><Th>Disparate impact ≥</Th><Th>Opportunity difference ≤</Th>{mayEdit ? <Th>Change</Th> : null}</tr></thead>
          <tbody className="divide-y divide-slate-200">
            {systems.map((s) => (
              <tr key={s.id}>
                <Td>{s.name}{s.customised ? null : <div className="text-xs text-slate-600">defaults</div>}</Td>
                <Td>{s.thresholds.maxParityDifference}</Td>
                <Td>{s.thresholds.minDisparateImpact}</Td>
                <Td>{s.thresholds.maxOpportunityDifference}</Td>
                {mayEdit ? (
                  <Td>
                    <ActionForm action={setThresholdsAction} schema={thresholdsSchema} fields={{ systemId: s.id }} submit="Save" label={`Thresholds for ${s.name}`} resetOnSuccess={false} success={`Thresholds for ${s.name} saved.`} className="grid grid-cols-3 items-end gap-2">
                      <TextField label="Parity" name="maxParityDifference" type="number" step="0.01" min={0} max={1} defaultValue={s.thresholds.maxParityDifference} />
                      <TextField label="Impact" name="minDisparateImpact" type="number" step="0.01" min={0} max={1} defaultValue={s.thresholds.minDisparateImpact} />
                      <TextField label="Opportunity" name="maxOpportunityDifference" type="number" step="0.01" min={0} max={1} defaultValue={s.thresholds.maxOpportunityDifference} />
                    </ActionForm>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
