import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, TextField } from '@/components/ui/form';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { saveScaleLevelAction } from '@/lib/risks/actions';
import { registerCapabilities, riskScale } from '@/lib/risks/queries';
import { band, BAND_LABELS } from '@/lib/risks/scale';

export const metadata: Metadata = { title: 'Risk scale' };

export default async function RiskScalePage() {
  const actor = await requireActor();
  const scale = await loadPage(riskScale(actor));
  const may = registerCapabilities(actor);
  return (
    <>
      <PageHeader title="Risk scale" description="What each level of likelihood and impact means in this organisation. The score is likelihood × impact: 1–4 low, 5–9 medium, 10–14 high, 15–25 critical." />
      <p className="mb-4 text-sm"><Link href="/risks">← Risk register</Link></p>
      {(['LIKELIHOOD', 'IMPACT'] as const).map((axis) => (
        <Card key={axis} title={axis === 'LIKELIHOOD' ? 'Likelihood' : 'Impact'} className="mb-6">
          {may.configure ? (
            <div className="space-y-4">
              {scale.filter((s) => s.axis === axis).map((s) => (
                <ActionForm key={s.level} action={saveScaleLevelAction} label={`${axis === 'LIKELIHOOD' ? 'Likelihood' : 'Impact'} level ${s.level}`} submit={`Save level ${s.level}`} variant="secondary" className="grid gap-3 md:grid-cols-[6rem_1fr_2fr_auto] md:items-end">
                  <input type="hidden" name="axis" value={axis} />
                  <input type="hidden" name="level" value={s.level} />
                  <p className="text-sm font-medium">Level {s.level}</p>
                  <TextField label="Label" name="label" id={`${axis}-${s.level}-label`} defaultValue={s.label} required />
                  <TextField label="Meaning" name="description" id={`${axis}-${s.level}-description`} defaultValue={s.description} required />
                </ActionForm>
              ))}
            </div>
          ) : (
            <Table caption={`${axis === 'LIKELIHOOD' ? 'Likelihood' : 'Impact'} levels`} columns={['Level', 'Label', 'Meaning']}>
              {scale.filter((s) => s.axis === axis).map((s) => (
                <tr key={s.level}><Td>{s.level}</Td><Td>{s.label}</Td><Td>{s.description}</Td></tr>
              ))}
            </Table>
          )}
        </Card>
      ))}
      <Card title="Bands">
        <ul className="text-sm">
          {[4, 9, 14, 25].map((n) => <li key={n}>Up to {n}: {BAND_LABELS[band(n)]}</li>)}
        </ul>
      </Card>
    </>
  );
}
