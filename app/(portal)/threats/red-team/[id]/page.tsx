import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, ConfirmAction, SelectField, TextAreaField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { completeRedTeamExerciseAction, openRedTeamIncidentAction, recordRedTeamResultAction } from '@/lib/threats/red-team/actions';
import { getRedTeamExercise } from '@/lib/threats/red-team/queries';
import { RED_TEAM_RESULT_LABELS } from '@/lib/threats/red-team/schema';

export const metadata: Metadata = { title: 'Red-team exercise' };

const TONE = { PLANNED: 'neutral', RESISTED: 'good', PARTIAL: 'warn', SUCCEEDED: 'bad' } as const;

export default async function RedTeamExercisePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const e = await loadPage(getRedTeamExercise(actor, id));
  return (
    <>
      <PageHeader title={e.title} description={`${e.systemName}${e.versionLabel ? `, ${e.versionLabel}` : ''}; ${e.team === 'EXTERNAL' ? `external team: ${e.firm}` : 'internal team'}.`} />
      <p className="mb-4 text-sm"><Link href="/threats/red-team">← Red-team exercises</Link> · planned <LocalTime iso={e.createdAt} /> · {e.completedAt ? <>completed <LocalTime iso={e.completedAt} /></> : 'in progress'}</p>
      {e.versionHref ? <p className="mb-4 text-sm"><Link href={e.versionHref}>{e.versionLabel} in the model registry</Link></p> : null}
      {e.scope ? <p className="mb-4 whitespace-pre-wrap text-sm">{e.scope}</p> : null}
      <Table caption={`Techniques (${e.planned}), ${e.succeeded} succeeded`} columns={['Technique', 'Result', 'Evidence', 'Finding', 'Incident', ...(e.capabilities.record ? ['Record'] : [])]}>
        {e.techniques.map((t) => (
          <tr key={t.id} data-testid="red-team-technique">
            <Td>
              <span className="font-medium">{t.techniqueLabel}</span>
              {t.retestOf ? <div className="text-xs">Retest of <Link href={`/threats/red-team/${t.retestOf.id}`}>{t.retestOf.label}</Link></div> : null}
            </Td>
            <Td><Badge tone={TONE[t.result]}>{RED_TEAM_RESULT_LABELS[t.result]}</Badge>{t.testedAt ? <div className="text-xs"><LocalTime iso={t.testedAt} /></div> : null}</Td>
            <Td className="whitespace-pre-wrap">{t.evidence || '—'}</Td>
            <Td>{t.findingId ? <Link href={`/audits/findings/${t.findingId}`}>Finding</Link> : '—'}</Td>
            <Td>
              {t.incidentId ? (
                <Link href={`/incidents/${t.incidentId}`}>Incident</Link>
              ) : t.result === 'SUCCEEDED' && e.capabilities.openIncident ? (
                <ConfirmAction
                  action={openRedTeamIncidentAction}
                  fields={{ id: t.id }}
                  label={`Open an incident for ${t.techniqueId}`}
                  title="Open an incident from this successful attack?"
                  body="It is reported as an adversarial attack on this system (and version), marked as a near miss from a controlled exercise, with the evidence as its description. The incident's own clocks and notifications apply."
                  confirmLabel="Open incident"
                  variant="secondary"
                  success="Incident opened."
                />
              ) : (
                '—'
              )}
            </Td>
            {e.capabilities.record ? (
              <Td>
                <ActionForm action={recordRedTeamResultAction} label={`Result of ${t.techniqueId}`} submit="Record result" variant="secondary" className="grid min-w-64 gap-2">
                  <input type="hidden" name="id" value={t.id} />
                  <SelectField label="Result" name="result" id={`result-${t.id}`} options={[{ value: 'RESISTED', label: 'Resisted' }, { value: 'PARTIAL', label: 'Partially succeeded' }, { value: 'SUCCEEDED', label: 'Succeeded' }]} defaultValue={t.result === 'PLANNED' ? 'RESISTED' : t.result} />
                  <TextAreaField label="Evidence" name="evidence" id={`evidence-${t.id}`} rows={2} defaultValue={t.evidence} hint="A success raises a finding with this evidence." />
                </ActionForm>
              </Td>
            ) : null}
          </tr>
        ))}
      </Table>
      {e.capabilities.complete ? (
        <Card title="Complete" className="mt-6">
          <p className="mb-3 text-sm">Every technique has a result. Completing freezes them; the promotion gate reads the last completed exercise on the version.</p>
          <ConfirmAction action={completeRedTeamExerciseAction} fields={{ id: e.id }} label="Complete exercise" title="Complete this exercise?" body="Results cannot change afterwards; plan a retest to test a technique again." confirmLabel="Complete exercise" variant="secondary" buttonClassName="px-3 py-2 text-sm" />
        </Card>
      ) : null}
    </>
  );
}
