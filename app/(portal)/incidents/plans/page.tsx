import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { ActionForm, DateField, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { incidentsCapabilities } from '@/lib/incidents/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { recordExerciseAction, saveResponsePlanAction } from '@/lib/incidents/actions';
import { incidentFormOptions, listExercises, listResponsePlans } from '@/lib/incidents/queries';

export const metadata: Metadata = { title: 'Response plans and exercises' };

export default async function PlansPage() {
  const actor = await requireActor();
  const [plans, exercises, options] = await loadPage(() => Promise.all([listResponsePlans(actor), listExercises(actor), incidentFormOptions(actor)]));
  const manage = incidentsCapabilities(actor).managePlans;
  const systemOptions = [{ value: '', label: 'Organisation-wide' }, ...options.systems.map((s) => ({ value: s.id, label: s.name }))];
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/incidents">← Incidents</Link></p>
      <PageHeader title="Response plans and exercises" description="One organisation-wide plan and optionally one per AI system. Every save is a new version. A plan not tested for 12 months is flagged." />
      <Card title="Response plans" className="mb-6">
        {plans.length === 0 ? (
          <EmptyState title="No response plan yet">{manage ? 'Write the organisation-wide plan below.' : 'A compliance officer writes the plan.'}</EmptyState>
        ) : (
          <ul className="space-y-4">
            {plans.map((p) => (
              <li key={p.id} className="rounded-md border border-slate-200 p-3" data-testid="plan">
                <p className="font-medium">
                  {p.title} <span className="text-sm font-normal text-slate-600">— {p.scope}, version {p.version} of {p.versions}</span>{' '}
                  {p.stale ? <Badge tone="bad">Not tested for 12 months</Badge> : <Badge tone="good">Tested</Badge>}
                </p>
                <p className="text-sm text-slate-600">Last tested: <LocalTime iso={p.lastTestedAt} dateOnly /> · saved <LocalTime iso={p.updatedAt} /></p>
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm">Read the plan</summary>
                  <p className="mt-2 whitespace-pre-wrap text-sm">{p.content}</p>
                </details>
                {p.history.length ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-sm">Earlier versions</summary>
                    <ul className="mt-1 text-sm">
                      {p.history.map((h) => (
                        <li key={h.version}>Version {h.version}: {h.title}, saved <LocalTime iso={h.savedAt} /></li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {manage ? (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium">Write or revise a plan (saves a new version)</summary>
            <ActionForm action={saveResponsePlanAction} submit="Save plan" label="Response plan" className="mt-2 space-y-3">
              <SelectField id="plan-system" label="Scope" name="systemId" options={systemOptions} />
              <TextField id="plan-title" label="Plan title" name="title" required />
              <TextAreaField id="plan-content" label="Plan" name="content" required rows={8} />
              <DateField name="lastTestedAt" label="Last tested (optional)" />
            </ActionForm>
          </details>
        ) : null}
      </Card>

      <Card title="Tabletop exercises and rollback drills">
        {exercises.length === 0 ? (
          <EmptyState title="No exercises recorded">Run a tabletop exercise or a rollback drill and record it here.</EmptyState>
        ) : (
          <Table caption="Exercises">
            <thead>
              <tr><Th>Date</Th><Th>Kind</Th><Th>Scenario</Th><Th>Participants</Th><Th>Outcome</Th><Th>Rollback time</Th><Th>Follow-ups</Th></tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {exercises.map((e) => (
                <tr key={e.id} data-testid="exercise">
                  <Td><LocalTime iso={e.heldAt} dateOnly /></Td>
                  <Td>{e.kind === 'TABLETOP' ? 'Tabletop' : 'Rollback drill'}</Td>
                  <Td>{e.scenario}</Td>
                  <Td>{e.participants}</Td>
                  <Td>{e.outcome}</Td>
                  <Td>{e.rollbackMinutes == null ? '—' : `${e.rollbackMinutes} min`}</Td>
                  <Td>{e.followUps || '—'}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {manage ? (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium">Record an exercise</summary>
            <ActionForm action={recordExerciseAction} submit="Record exercise" label="Record an exercise" className="mt-2 grid gap-3 md:grid-cols-2">
              <SelectField id="ex-kind" label="Kind" name="kind" options={[{ value: 'TABLETOP', label: 'Tabletop exercise' }, { value: 'ROLLBACK_DRILL', label: 'Rollback drill' }]} />
              <DateField name="heldAt" label="Held on" required />
              <TextAreaField id="ex-scenario" label="Scenario" name="scenario" required rows={2} />
              <TextField id="ex-participants" label="Participants" name="participants" required />
              <TextAreaField id="ex-outcome" label="Outcome" name="outcome" required rows={2} />
              <TextField id="ex-rollback" label="Time to roll back in the drill (minutes)" name="rollbackMinutes" type="number" min={0} />
              <TextAreaField id="ex-followups" label="Follow-ups" name="followUps" rows={2} />
              <SelectField id="ex-plan" label="Plan tested" name="planId" options={[{ value: '', label: 'None' }, ...plans.map((p) => ({ value: p.id, label: `${p.title} (${p.scope}) v${p.version}` }))]} />
            </ActionForm>
          </details>
        ) : null}
      </Card>
    </>
  );
}
