import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/incidents/action-form';
import { formatMinutes, SeverityBadge, StatusBadge } from '@/components/incidents/badges';
import { Countdown } from '@/components/incidents/countdown';
import { NotificationFacts } from '@/components/incidents/facts-form';
import { Obligations } from '@/components/incidents/obligations';
import { DateTimeField } from '@/components/incidents/datetime-field';
import { Select, Text, TextArea } from '@/components/incidents/fields';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import {
  addCorrectiveActionAction,
  addTimelineEntryAction,
  completeCorrectiveActionAction,
  createFindingAction,
  overrideSeverityAction,
  recordMilestoneAction,
  rollbackAction,
  savePostmortemAction,
  updateDetailsAction,
} from '@/lib/incidents/actions';
import { getIncident, incidentFormOptions } from '@/lib/incidents/queries';
import { FINDING_SEVERITIES, MILESTONES, REQUIRES_POSTMORTEM, STATUSES, TYPE_LABELS } from '@/lib/incidents/schema';
import { SEVERITIES, TREE_QUESTIONS } from '@/lib/incidents/severity';

export const metadata: Metadata = { title: 'Incident' };

const STATE_TONE = { running: 'info', overdue: 'bad', met: 'good', missed: 'bad' } as const;

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const [inc, options] = await loadPage(() => Promise.all([getIncident(actor, id), incidentFormOptions(actor)]));
  const nextMilestone = MILESTONES[STATUSES.indexOf(inc.status)] ?? null;
  const canDoNext = nextMilestone ? (nextMilestone === 'closed' ? inc.may.manage : inc.may.update) : false;
  const userOptions = options.users.map((u) => ({ value: u.id, label: u.name }));
  const needsPostmortem = REQUIRES_POSTMORTEM.includes(inc.severity);
  const pm = inc.postmortem;

  return (
    <>
      <p className="mb-2 text-sm"><Link href="/incidents">← Incidents</Link></p>
      <PageHeader
        title={inc.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={inc.severity} />
            <StatusBadge status={inc.status} />
            <span>{TYPE_LABELS[inc.type]}</span>
            {inc.nearMiss ? <Badge>Near miss</Badge> : null}
          </span>
        }
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="What happened">
          <p className="whitespace-pre-wrap text-sm">{inc.description}</p>
          <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">Reported by</dt>
            <dd>{inc.reportedBy ?? 'API token'}</dd>
            <dt className="text-slate-600">People affected (estimate)</dt>
            <dd>{inc.peopleAffected ?? 'Unknown'}</dd>
            <dt className="text-slate-600">Protected group affected</dt>
            <dd>{inc.protectedGroup ? 'Yes' : 'No'}</dd>
            <dt className="text-slate-600">Personal data involved</dt>
            <dd>{inc.personalData ? 'Yes' : 'No'}</dd>
            <dt className="text-slate-600">AI systems</dt>
            <dd>{inc.systems.map((s) => `${s.name} (${s.riskTier.toLowerCase()}, ${s.regions.join('/')})`).join('; ') || '—'}</dd>
            <dt className="text-slate-600">Models</dt>
            <dd>{inc.models.map((m) => `${m.key}${m.production ? ` (production ${m.production})` : ''}`).join('; ') || '—'}</dd>
            <dt className="text-slate-600">Versions</dt>
            <dd>{inc.versions.map((v) => `${v.model} ${v.label}`).join('; ') || '—'}</dd>
          </dl>
          {inc.may.update ? (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium">Edit details</summary>
              <ActionForm action={updateDetailsAction} submitLabel="Save details" label="Edit details" className="mt-2 space-y-3">
                <input type="hidden" name="id" value={inc.id} />
                <Text id="details-title" label="Title" name="title" required defaultValue={inc.title} />
                <TextArea id="details-description" label="Description" name="description" required rows={4} defaultValue={inc.description} />
                <Text id="details-people" label="People affected (estimate)" name="peopleAffected" type="number" min={0} defaultValue={inc.peopleAffected ?? ''} />
              </ActionForm>
            </details>
          ) : null}
        </Card>

        <Card title="Severity">
          <p className="text-sm">
            Current: <SeverityBadge severity={inc.severity} /> · From the decision tree: <SeverityBadge severity={inc.treeSeverity} />
          </p>
          {inc.severityOverrideReason ? <p className="mt-2 text-sm">Overridden: {inc.severityOverrideReason}</p> : null}
          <h3 className="mt-4 text-sm font-semibold">Decision tree</h3>
          <ul className="mt-1 text-sm">
            {TREE_QUESTIONS.map((q) => (
              <li key={q.key}>
                {q.question} <strong>{(inc.treeAnswers as Record<string, unknown>)[q.key] ? 'Yes' : 'No'}</strong>
              </li>
            ))}
          </ul>
          <ul className="mt-2 list-disc pl-5 text-xs text-slate-700">
            {inc.treeReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {inc.may.manage ? (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium">Override severity</summary>
              <ActionForm action={overrideSeverityAction} submitLabel="Override" label="Override severity" className="mt-2 space-y-3">
                <input type="hidden" name="id" value={inc.id} />
                <Select id="override-severity" label="New severity" name="severity" defaultValue={inc.severity} options={SEVERITIES.map((s) => ({ value: s, label: s }))} />
                <TextArea id="override-reason" label="Reason" name="reason" required rows={2} />
              </ActionForm>
            </details>
          ) : null}
        </Card>
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title="Response clocks">
          {inc.clocks.length === 0 ? (
            <p className="text-sm text-slate-600">A near miss has no response clock.</p>
          ) : (
            <Table caption="Response targets for this severity">
              <thead>
                <tr><Th>Step</Th><Th>Due</Th><Th>Remaining</Th></tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {inc.clocks.map((c) => (
                  <tr key={c.key} data-testid={`clock-${c.key}`}>
                    <Td>{c.label} <Badge tone={STATE_TONE[c.state]}>{c.state}</Badge></Td>
                    <Td><LocalTime iso={c.dueAt} /></Td>
                    <Td><Countdown dueAt={c.dueAt} doneAt={c.doneAt} /></Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Card title="Regulatory notifications">
          <Obligations inc={inc} />
        </Card>
        <Card title="Notification facts">
          <NotificationFacts inc={inc} />
        </Card>
      </div>

      <Card title="Timeline" className="mt-6">
        <Table caption="Milestones">
          <thead>
            <tr><Th>Milestone</Th><Th>When</Th><Th>By</Th></tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {inc.milestones.map((m) => (
              <tr key={m.key}>
                <Td>{m.label}</Td>
                <Td><LocalTime iso={m.at} /></Td>
                <Td>{m.by ?? '—'}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {nextMilestone && canDoNext ? (
          <div className="mt-4 max-w-md">
            <ActionForm action={recordMilestoneAction} submitLabel={`Mark ${nextMilestone}`} label={`Mark ${nextMilestone}`}>
              <input type="hidden" name="id" value={inc.id} />
              <input type="hidden" name="milestone" value={nextMilestone} />
              <DateTimeField idPrefix="milestone-" name="at" label={`${nextMilestone.charAt(0).toUpperCase() + nextMilestone.slice(1)} at`} defaultNow required />
              {nextMilestone === 'closed' && needsPostmortem && !pm ? <p className="text-xs text-amber-900">A postmortem is required before closing a {inc.severity} incident.</p> : null}
            </ActionForm>
          </div>
        ) : null}
        <h3 className="mt-6 text-sm font-semibold">What was done</h3>
        {inc.timeline.length === 0 ? (
          <p className="text-sm text-slate-600">No entries yet.</p>
        ) : (
          <ol className="mt-2 space-y-2 text-sm" data-testid="timeline">
            {inc.timeline.map((t) => (
              <li key={t.id} className="border-l-2 border-slate-300 pl-3">
                <span className="text-slate-600"><LocalTime iso={t.at} /> · {t.author}</span>
                <p>{t.text}</p>
              </li>
            ))}
          </ol>
        )}
        {inc.may.update ? (
          <details className="mt-4 max-w-xl">
            <summary className="cursor-pointer text-sm font-medium">Add a timeline entry</summary>
            <ActionForm action={addTimelineEntryAction} submitLabel="Add entry" label="Add a timeline entry" className="mt-2 space-y-3">
              <input type="hidden" name="id" value={inc.id} />
              <DateTimeField idPrefix="entry-" name="at" label="When" defaultNow required />
              <TextArea id="entry-text" label="What was done, by whom" name="text" required rows={2} />
            </ActionForm>
          </details>
        ) : null}
      </Card>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title="Rollback">
          <p className="text-sm">Time from detection to rollback: <strong data-testid="time-to-rollback">{formatMinutes(inc.minutesToRollback)}</strong></p>
          {inc.deployments.length ? (
            <ul className="mt-2 text-sm">
              {inc.deployments.map((d) => (
                <li key={d.id}>
                  <LocalTime iso={d.at} />: {d.kind.toLowerCase()} of {d.model} {d.from ? `from ${d.from} ` : ''}to {d.to ?? '—'}{d.reason ? ` (${d.reason})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          {inc.models.length === 0 ? <p className="mt-2 text-sm text-slate-600">No model is linked to this incident.</p> : null}
          <ul className="mt-3 space-y-2">
            {inc.models.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center gap-2 text-sm">
                <span>{m.key}: production {m.production ?? 'none'}; approved {m.approved.join(', ') || 'none'}</span>
                {inc.may.rollback && m.production && m.approved.length ? (
                  <ConfirmAction
                    action={rollbackAction}
                    fields={{ id: inc.id, modelId: m.id }}
                    label={`Roll back ${m.key}`}
                    title={`Roll back ${m.key}?`}
                    body={
                      <>
                        <p>Production moves from {m.production} to the previous approved version; {m.production} returns to validation. This is recorded with the incident.</p>
                        <TextArea id={`rollback-reason-${m.id}`} label="Reason" name="reason" required rows={2} defaultValue={`Incident: ${inc.title}`} className="mt-3 space-y-1" />
                      </>
                    }
                    confirmLabel="Roll back"
                  />
                ) : null}
              </li>
            ))}
          </ul>
          {!inc.may.rollback && inc.models.length ? <p className="mt-2 text-xs text-slate-600">Rolling back needs the models:promote permission (compliance officers and administrators).</p> : null}
        </Card>

        <Card title="Findings">
          {inc.findings.length === 0 ? (
            <p className="text-sm text-slate-600">No findings raised from this incident.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="findings">
              {inc.findings.map((f) => (
                <li key={f.id}>
                  <Badge>{f.severity}</Badge> {f.title} — {f.status.toLowerCase().replace(/_/g, ' ')}, owner {f.owner ?? '—'}, due <LocalTime iso={f.dueDate} dateOnly />
                </li>
              ))}
            </ul>
          )}
          {inc.may.update ? (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium">Raise a finding</summary>
              <ActionForm action={createFindingAction} submitLabel="Raise finding" label="Raise a finding" className="mt-2 space-y-3">
                <input type="hidden" name="id" value={inc.id} />
                <Text id="finding-title" label="Finding title" name="title" required />
                <TextArea id="finding-description" label="Finding description" name="description" required rows={2} />
                <Select id="finding-severity" label="Finding severity" name="severity" options={FINDING_SEVERITIES.map((s) => ({ value: s, label: s.toLowerCase() }))} />
                <Select id="finding-owner" label="Finding owner" name="ownerId" options={userOptions} />
                <DateTimeField idPrefix="finding-" name="dueDate" label="Finding due date" dateOnly required />
              </ActionForm>
            </details>
          ) : null}
        </Card>
      </div>

      <Card title="Corrective actions" className="mt-6">
        {inc.actions.length === 0 ? (
          <p className="text-sm text-slate-600">No corrective actions yet.</p>
        ) : (
          <Table caption="Corrective actions">
            <thead>
              <tr><Th>Action</Th><Th>Owner</Th><Th>Due</Th><Th>Status</Th></tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {inc.actions.map((a) => (
                <tr key={a.id}>
                  <Td>{a.title}</Td>
                  <Td>{a.owner ?? '—'}</Td>
                  <Td><LocalTime iso={a.dueDate} dateOnly /> {a.overdue ? <Badge tone="bad">Overdue</Badge> : null}</Td>
                  <Td>
                    {a.status === 'DONE' ? (
                      <Badge tone="good">Done</Badge>
                    ) : inc.may.update || a.ownerId === actor.userId ? (
                      <ActionForm action={completeCorrectiveActionAction} submitLabel="Mark done" label={`Mark ${a.title} done`} variant="secondary">
                        <input type="hidden" name="actionId" value={a.id} />
                      </ActionForm>
                    ) : (
                      <Badge tone="warn">Open</Badge>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {inc.may.update ? (
          <details className="mt-4 max-w-xl">
            <summary className="cursor-pointer text-sm font-medium">Add a corrective action</summary>
            <ActionForm action={addCorrectiveActionAction} submitLabel="Add action" label="Add a corrective action" className="mt-2 space-y-3">
              <input type="hidden" name="id" value={inc.id} />
              <Text id="action-title" label="Action" name="title" required />
              <Select id="action-owner" label="Action owner" name="ownerId" options={userOptions} />
              <DateTimeField idPrefix="action-" name="dueDate" label="Action due date" dateOnly required />
            </ActionForm>
          </details>
        ) : null}
      </Card>

      <Card title={`Postmortem${needsPostmortem ? ' (required before closing)' : ''}`} className="mt-6">
        {pm ? (
          <dl className="space-y-2 text-sm" data-testid="postmortem">
            {([['Summary', pm.summary], ['Impact', pm.impact], ['Root cause', pm.rootCause], ['What went well', pm.wentWell], ['What went poorly', pm.wentPoorly], ['Corrective actions', pm.correctiveActions], ['Lessons learned', pm.lessons]] as const).map(([k, v]) => (
              <div key={k}>
                <dt className="font-medium">{k}</dt>
                <dd className="whitespace-pre-wrap">{v}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <EmptyState title="No postmortem yet">{needsPostmortem ? 'This incident cannot be closed until one is written.' : 'Optional for SEV3 and SEV4.'}</EmptyState>
        )}
        {inc.may.update ? (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium">{pm ? 'Edit the postmortem' : 'Write the postmortem'}</summary>
            <ActionForm action={savePostmortemAction} submitLabel="Save postmortem" label="Postmortem" className="mt-2 grid gap-3 md:grid-cols-2">
              <input type="hidden" name="id" value={inc.id} />
              <TextArea id="pm-summary" label="Summary" name="summary" required rows={3} defaultValue={pm?.summary} />
              <TextArea id="pm-impact" label="Impact" name="impact" required rows={3} defaultValue={pm?.impact} />
              <TextArea id="pm-rootCause" label="Root cause" name="rootCause" required rows={3} defaultValue={pm?.rootCause} />
              <TextArea id="pm-wentWell" label="What went well" name="wentWell" required rows={3} defaultValue={pm?.wentWell} />
              <TextArea id="pm-wentPoorly" label="What went poorly" name="wentPoorly" required rows={3} defaultValue={pm?.wentPoorly} />
              <TextArea id="pm-correctiveActions" label="Corrective actions (summary)" name="correctiveActions" required rows={3} defaultValue={pm?.correctiveActions} />
              <TextArea id="pm-lessons" label="Lessons learned" name="lessons" required rows={3} defaultValue={pm?.lessons} className="md:col-span-2" />
            </ActionForm>
          </details>
        ) : null}
      </Card>
    </>
  );
}
