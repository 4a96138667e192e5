import type { Metadata } from 'next';
import Link from 'next/link';
import { ExplanationBadge, num } from '@/components/decisions/badges';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { Combobox, DateField, SelectField, TextField } from '@/components/ui/form';
import { KeysetPagination } from '@/components/ui/keyset-pagination';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { decisionFilterLabels, listDecisions } from '@/lib/decisions/queries';
import { EXPLANATION_STATUS_LABELS, explanationStatuses, listDecisionsQuerySchema } from '@/lib/decisions/schema';

export const metadata: Metadata = { title: 'Decision log' };

export default async function DecisionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listDecisionsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listDecisionsQuerySchema.parse({});
  const [list, labels] = await loadPage(Promise.all([listDecisions(actor, query), decisionFilterLabels(actor, query)]));
  const { cursor: _cursor, ...filter } = query;

  return (
    <>
      <PageHeader
        title="Decision log"
        description="Every production decision of a logged AI system, with its explanation and a proof that it was recorded unchanged. Newest first."
        actions={
          <>
            <ButtonLink href="/decisions/stats">Statistics and explanation coverage</ButtonLink>
            <ButtonLink href="/decisions/development">Development decisions</ButtonLink>
            <ButtonLink href="/decisions/checkpoints">Signed checkpoints</ButtonLink>
          </>
        }
      />
      {!parsed.success ? <p role="alert" className="mb-3 text-sm text-red-800">Some filters were not valid and were ignored: {parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.</p> : null}
      <form className="no-print mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" role="search" aria-label="Search decisions">
        <Combobox label="AI system" name="systemId" id="filter-systemId" source="systems" defaultValue={labels.system} placeholder="Any system" />
        <Combobox label="Model version" name="versionId" id="filter-versionId" source="model-versions" defaultValue={labels.version} placeholder="Any version" />
        <DateField label="From (UTC day)" name="from" id="filter-from" defaultValue={query.from} />
        <DateField label="To (UTC day)" name="to" id="filter-to" defaultValue={query.to} />
        <TextField label="Decision id" name="ref" id="filter-ref" defaultValue={query.ref} />
        <TextField label="Subject reference" name="subjectRef" id="filter-subjectRef" defaultValue={query.subjectRef} />
        <SelectField label="Explanation" name="explanation" id="filter-explanation" defaultValue={query.explanation ?? ''} options={[{ value: '', label: 'Any' }, ...explanationStatuses.map((s) => ({ value: s, label: EXPLANATION_STATUS_LABELS[s] }))]} />
        <div className="flex items-end gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="overridden" value="true" defaultChecked={query.overridden === 'true'} /> Overridden by a person
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Search</button>
        </div>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title="No decisions match">
          {Object.values(filter).some(Boolean) ? 'Clear the filters or widen the time range.' : 'Decisions appear here once a serving stack sends them with a token scoped decisions:write (see the API documentation).'}
        </EmptyState>
      ) : (
        <Table caption="Decisions, newest first" columns={['Decision', 'Decided', 'System and version', 'Outcome', 'Score', 'Top factor', 'Explanation', 'Human']}>
          {list.items.map((d) => (
            <tr key={d.id} data-testid="decision-row">
              <Td><Link href={`/decisions/${d.id}`} className="font-medium">{d.ref}</Link></Td>
              <Td><LocalTime iso={d.decidedAt} /></Td>
              <Td>{d.systemName}<div className="text-xs text-slate-600">{d.modelName} {d.versionLabel}</div></Td>
              <Td>{d.outcome}</Td>
              <Td>{num(d.score)}</Td>
              <Td>{d.topFactor ?? '—'}</Td>
              <Td><ExplanationBadge status={d.explanationStatus} /></Td>
              <Td>{d.overridden ? <Badge tone="warn">Overridden</Badge> : d.humanReviewed ? <Badge>Reviewed</Badge> : '—'}</Td>
            </tr>
          ))}
        </Table>
      )}
      <KeysetPagination next={list.next} first={list.first} shown={list.items.length} params={filter as Record<string, string | undefined>} basePath="/decisions" />
    </>
  );
}
