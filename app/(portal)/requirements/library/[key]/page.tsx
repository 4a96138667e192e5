import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td, Th } from '@/components/ui/table';
import { ActionForm, PersonPicker, SelectField, TextAreaField, TextField, inputClass } from '@/components/ui/form';
import { requirementsCapabilities } from '@/lib/requirements/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { assignOwnersAction, createRequirementAction, updateFrameworkAction } from '@/lib/requirements/actions';
import { AREA_LABELS, AREAS, FRAMEWORK_KINDS, type Area } from '@/lib/requirements/library-schema';
import { getFramework, listRequirements } from '@/lib/requirements/queries';
import { listAssignableUsers } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Framework' };

export default async function FrameworkPage({ params, searchParams }: { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { key } = await params;
  const sp = await searchParams;
  const page = Number(sp.page ?? 1) || 1;
  const [framework, list, users] = await loadPage(Promise.all([getFramework(actor, key), listRequirements(actor, { framework: key, page, pageSize: 100 }), listAssignableUsers(actor)]));
  const manage = requirementsCapabilities(actor).manageLibrary;
  const table = (
<Table caption={`Requirements of ${framework.name}`} className="mb-3">
      <thead>
        <tr>
          {manage ? <Th><span className="sr-only">Select</span></Th> : null}
          <Th>Reference</Th>
          <Th>Requirement</Th>
          <Th>Area</Th>
          <Th>Owner</Th>
          <Th>Next review</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {list.items.map((r) => (
          <tr key={r.id}>
            {manage ? (
              <Td>
                <input type="checkbox" name="ids[]" value={r.id} aria-label={`Select ${r.ref}`} />
              </Td>
            ) : null}
            <Td className="whitespace-nowrap font-mono text-xs">
              <Link href={`/requirements/items/${r.id}`}>{r.ref}</Link>
            </Td>
            <Td>
              <div className="font-medium">{r.title}</div>
              <div className="text-xs text-slate-600">{r.group}</div>
              <div className="mt-1 flex flex-wrap gap-1">
                {r.aiSpecific ? <Badge tone="info">AI-specific</Badge> : null}
                {r.customised ? <Badge tone="warn">Edited by you</Badge> : null}
              </div>
            </Td>
            <Td>{AREA_LABELS[r.area as Area]}</Td>
            <Td>{r.ownerName ?? <Badge tone="warn">Unowned</Badge>}</Td>
            <Td>
              <LocalTime iso={r.nextReviewDue} dateOnly /> {r.overdue ? <Badge tone="bad">Overdue</Badge> : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
  return (
    <>
      <PageHeader title={framework.name} description={<>{framework.jurisdiction} · version {framework.version} · {framework.sourceRef}</>} />
      {list.items.length === 0 ? (
        <EmptyState title="No requirements in this framework yet">{manage ? 'Add one below or import a CSV.' : null}</EmptyState>
      ) : !manage ? (
        table
      ) : (
        <ActionForm action={assignOwnersAction} submit="Assign owner to selected" label="Bulk reassign owners" variant="secondary">
          <div className="mb-3 flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor="bulk-owner" className="block text-sm font-medium">New owner for the selected requirements</label>
                <select id="bulk-owner" name="ownerId" className={inputClass} defaultValue="">
                  <option value="">Nobody (unowned)</option>
                  {users.map((u) => (
                    <option key={u.id} value={u.id}>{u.name}</option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="bulk-reason" className="block text-sm font-medium">Reason</label>
                <input id="bulk-reason" name="reason" className={inputClass} />
              </div>
          </div>
          {table}
          <input type="hidden" name="kind" value="requirement" />
        </ActionForm>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{}} basePath={`/requirements/library/${key}`} />
      {manage && framework.isCustom ? (
        <Card title="Edit this framework" className="mt-6">
          <ActionForm action={updateFrameworkAction} submit="Save framework" label="Edit the framework" className="grid gap-4 md:grid-cols-2">
            <input type="hidden" name="id" value={framework.id} />
            <TextField label="Name" name="name" defaultValue={framework.name} required />
            <SelectField label="Kind" name="kind" defaultValue={framework.kind} options={FRAMEWORK_KINDS.map((k) => ({ value: k, label: k.toLowerCase() }))} />
            <TextField label="Jurisdiction or region" name="jurisdiction" defaultValue={framework.jurisdiction} required />
            <TextField label="Version" name="version" defaultValue={framework.version} required />
            <TextField label="Source reference" name="sourceRef" defaultValue={framework.sourceRef ?? ''} className="md:col-span-2" />
          </ActionForm>
        </Card>
      ) : null}
      {manage ? (
        <Card title="Add a requirement" className="mt-6">
          <ActionForm action={createRequirementAction} submit="Add requirement" label="Add a requirement" className="grid gap-4 md:grid-cols-2">
            <input type="hidden" name="frameworkKey" value={framework.key} />
            <TextField label="Reference" name="ref" required hint="e.g. Art. 10(2), GOVERN 1.1, A.6.2.4" />
            <TextField label="Title" name="title" required />
            <TextAreaField label="Summary" name="summary" required rows={2} className="md:col-span-2" />
            <TextField label="Group" name="group" hint="Chapter or clause family" />
            <SelectField label="Area" name="area" options={AREAS.map((a) => ({ value: a, label: AREA_LABELS[a] }))} />
            <PersonPicker label="Owner" name="ownerId" hint="Empty: unowned." />
            <TextField label="Review cadence (days)" name="reviewCadenceDays" type="number" defaultValue="90" min={7} max={730} />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="aiSpecific" value="true" /> AI-specific
            </label>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
