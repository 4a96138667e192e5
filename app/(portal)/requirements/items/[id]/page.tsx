import type { Metadata } from 'next';
import Link from 'next/link';
import { ReviewForm } from '@/components/requirements/review-form';
import { Statement } from '@/components/requirements/statement';
import { StatusBadge } from '@/components/requirements/status-badge';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { ActionForm, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { updateRequirementAction } from '@/lib/requirements/actions';
import { AREA_LABELS, AREAS, RELATIONSHIP_LABELS, type Area } from '@/lib/requirements/library-schema';
import { alsoSatisfies, getRequirement } from '@/lib/requirements/queries';
import { REVIEW_OUTCOME_LABELS } from '@/lib/requirements/schema';

export const metadata: Metadata = { title: 'Requirement' };

export default async function RequirementPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const [r, also] = await loadPage(Promise.all([getRequirement(actor, id), alsoSatisfies(actor, id)]));
  return (
    <>
      <PageHeader
        title={`${r.ref} — ${r.title}`}
        description={
          <>
            <Link href={`/requirements/library/${r.framework.key}`}>{r.framework.name}</Link>
            {r.group ? ` · ${r.group}` : ''} · {AREA_LABELS[r.area as Area]}
          </>
        }
      />
      <div className="mb-4 flex flex-wrap gap-2">
        {r.aiSpecific ? <Badge tone="info">AI-specific</Badge> : null}
        {r.customised ? <Badge tone="warn">Edited by your organisation</Badge> : null}
        {r.ownerName ? <Badge>Owner: {r.ownerName}</Badge> : <Badge tone="warn">Unowned</Badge>}
        {r.overdue ? <Badge tone="bad">Review overdue</Badge> : null}
      </div>
      <div className="mb-6">
        {r.statement ? <Statement node={r.statement} /> : <p className="max-w-3xl whitespace-pre-line text-sm text-slate-800">{r.summary}</p>}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Reviews">
          <p className="mb-3 text-sm">
            Every {r.reviewCadenceDays} days. Last: <LocalTime iso={r.lastReviewedAt} dateOnly />. Next due: <LocalTime iso={r.nextReviewDue} dateOnly />{' '}
            {r.overdue ? <Badge tone="bad">Overdue</Badge> : null}
          </p>
          {r.canReview ? <ReviewForm requirementId={r.id} /> : <p className="text-sm text-slate-600">Only the owner or a compliance officer records reviews.</p>}
          {r.reviews.length ? (
            <ul className="mt-4 space-y-2 text-sm">
              {r.reviews.map((v) => (
                <li key={v.id} className="border-t border-slate-200 pt-2">
                  <strong>{v.quarter}</strong> · {REVIEW_OUTCOME_LABELS[v.outcome]} · {v.reviewerName} · <LocalTime iso={v.reviewedAt} dateOnly />
                  {v.notes ? <div className="text-slate-700">{v.notes}</div> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-sm text-slate-600">No reviews recorded yet.</p>
          )}
        </Card>
        <Card title="Controls">
          {r.controlMappings.length ? (
            <>
              <p className="mb-2 text-sm">
                Combined status of the controls: {r.controlStatus ? <StatusBadge status={r.controlStatus} /> : '—'}
                {r.statusFromControls ? ' (the matrix takes this requirement’s status from its controls)' : ''}
              </p>
              <ul className="space-y-2 text-sm">
                {r.controlMappings.map((m) => (
                  <li key={m.id}>
                    <Link href={`/requirements/controls#${m.control.key}`} className="font-mono text-xs">{m.control.key}</Link> {m.control.name} <StatusBadge status={m.control.status} />
                    <div className="text-xs text-slate-700">{m.relationship.toLowerCase()}: {m.rationale}</div>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-sm text-slate-600">No internal control is mapped to this requirement yet.</p>
          )}
        </Card>
      </div>
      <Card title="This also satisfies…" className="mt-6">
        {also.length ? (
          <Table caption={`Requirements of other frameworks mapped to ${r.ref}, with their status`} columns={['Framework', 'Requirement', `How ${r.ref} relates to it`, 'Status per AI system', 'Rationale']}>
              {also.map((c) => (
                <tr key={c.id}>
                  <Td>{c.other.framework.name}</Td>
                  <Td>
                    <Link href={`/requirements/items/${c.other.id}`}>{c.other.ref}</Link> {c.other.title}
                  </Td>
                  <Td>
                    {RELATIONSHIP_LABELS[c.relationship]}
                    {c.relationship === 'EQUIVALENT' || c.relationship === 'SUPERSET' ? <div className="text-xs text-slate-600">covers it</div> : <div className="text-xs text-slate-600">covers part of it</div>}
                  </Td>
                  <Td>
                    {c.statuses.length ? (
                      <ul className="space-y-1">
                        {c.statuses.map((s) => (
                          <li key={s.systemId} className="flex flex-wrap items-center gap-1 text-xs">
                            <span>{s.systemName}:</span> <StatusBadge status={s.status} />
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-xs text-slate-600">Not assessed for any AI system</span>
                    )}
                  </Td>
                  <Td className="text-xs">
                    {c.rationale}
                    {c.citation ? <div className="mt-1 text-slate-600">Source: {c.citation}</div> : null}
                  </Td>
                </tr>
              ))}
          </Table>
        ) : (
          <p className="text-sm text-slate-600">
            No crosswalk mapping links this requirement to another framework yet. <Link href="/requirements/crosswalk">Open the crosswalk</Link>.
          </p>
        )}
      </Card>
      {r.canEdit ? (
        <Card title="Edit" className="mt-6">
          <ActionForm action={updateRequirementAction} submit="Save requirement" label="Edit the requirement" className="grid gap-4 md:grid-cols-2">
            <input type="hidden" name="id" value={r.id} />
            <TextField label="Title" name="title" defaultValue={r.title} required />
            <SelectField label="Area" name="area" defaultValue={r.area} options={AREAS.map((a) => ({ value: a, label: AREA_LABELS[a] }))} />
            <TextAreaField label="Summary" name="summary" defaultValue={r.summary} rows={3} className="md:col-span-2" hint={r.libraryVersion ? 'Editing shipped text marks it as yours: library reloads keep it and report the difference.' : undefined} />
            <TextField label="Review cadence (days)" name="reviewCadenceDays" type="number" min={7} max={730} defaultValue={String(r.reviewCadenceDays)} />
            <div className="space-y-2 pt-6 text-sm">
              <input type="hidden" name="aiSpecific" value="false" />
              <label className="flex items-center gap-2">
                <input type="checkbox" name="aiSpecific" value="true" defaultChecked={r.aiSpecific} /> AI-specific
              </label>
              <input type="hidden" name="statusFromControls" value="false" />
              <label className="flex items-center gap-2">
                <input type="checkbox" name="statusFromControls" value="true" defaultChecked={r.statusFromControls} /> Take the matrix status from the mapped controls
              </label>
            </div>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
