import type { Metadata } from 'next';
import Link from 'next/link';
import { DaysLeftBadge, PrivacyNav, RequestStatusBadge } from '@/components/privacy/badges';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, Combobox, DateTimeField, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createRequestAction } from '@/lib/privacy/actions';
import { listSubjectRequests } from '@/lib/privacy/requests/queries';
import { listRequestsQuerySchema, REQUEST_STATUS_LABELS, REQUEST_STATUSES, REQUEST_TYPE_LABELS, requestFormSchema, SUBJECT_REQUEST_TYPES } from '@/lib/privacy/schema';

export const metadata: Metadata = { title: 'Data-subject requests' };

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listRequestsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listRequestsQuerySchema.parse({});
  const list = await loadPage(listSubjectRequests(actor, query));
  const mayCreate = list.capabilities.create;
  const filter = { status: query.status, type: query.type, open: query.open };
  return (
    <>
      <PageHeader title="Data-subject requests" description="GDPR: one month from receipt, extendable once by two months with a reasoned notice. CCPA: confirm within 10 business days, answer within 45 days (+45 once)." />
      <PrivacyNav />
      <form className="mb-4 grid gap-3 sm:grid-cols-4 sm:items-end" role="search" aria-label="Filter requests">
        <SelectField label="Status" name="status" id="filter-status" defaultValue={query.status ?? ''} options={[{ value: '', label: 'Any' }, ...REQUEST_STATUSES.map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] }))]} />
        <SelectField label="Type" name="type" id="filter-type" defaultValue={query.type ?? ''} options={[{ value: '', label: 'Any' }, ...SUBJECT_REQUEST_TYPES.map((t) => ({ value: t, label: REQUEST_TYPE_LABELS[t] }))]} />
        <SelectField label="Open or closed" name="open" id="filter-open" defaultValue={query.open ?? ''} options={[{ value: '', label: 'Both' }, { value: 'true', label: 'Open' }, { value: 'false', label: 'Closed' }]} />
        <div><button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button></div>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title="No requests match">{mayCreate ? 'Record a request below.' : 'Clear the filters.'}</EmptyState>
      ) : (
        <Table caption={`Requests (${list.total})`} columns={['Reference', 'Type', 'Status', 'Received', 'Deadline', 'Days left']}>
          {list.items.map((r) => (
            <tr key={r.id} data-testid="request-row">
              <Td><Link href={`/privacy/requests/${r.id}`} className="font-medium">{r.reference}</Link><div className="text-xs text-slate-700">{r.subjectName}</div></Td>
              <Td>{REQUEST_TYPE_LABELS[r.type]}</Td>
              <Td><RequestStatusBadge status={r.status} />{r.extended ? <span className="ml-1 text-xs">(extended)</span> : null}{r.answeredLate ? <span className="ml-1 text-xs text-red-700">answered late</span> : null}</Td>
              <Td><LocalTime iso={r.receivedAt} /></Td>
              <Td><LocalTime iso={r.dueAt} /></Td>
              <Td><DaysLeftBadge daysLeft={r.daysLeft} overdue={r.overdue} /></Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={filter} basePath="/privacy/requests" />
      {mayCreate ? (
        <Card title="Record a request" className="mt-6">
          <ActionForm action={createRequestAction} schema={requestFormSchema} label="Record a data-subject request" submit="Record request">
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField label="Type" name="type" options={SUBJECT_REQUEST_TYPES.map((t) => ({ value: t, label: REQUEST_TYPE_LABELS[t] }))} required />
              <DateTimeField label="Received at" name="receivedAt" required hint="When the request reached the organisation; the clock starts here." />
              <TextField label="Subject's name" name="subjectName" required />
              <TextField label="Subject's e-mail" name="subjectEmail" type="email" />
              <TextField label="Subject reference in the decision log" name="subjectRef" hint="Locates their automated decisions." />
              <TextField label="Data categories" name="dataCategories" hint="Separated by semicolons; locates the datasets that hold them." />
              <TextField label="Storage location" name="location" />
              <Combobox source="systems" label="AI system (Art. 22 requests)" name="systemId" />
              <TextAreaField className="sm:col-span-2" label="Details" name="details" rows={3} />
            </div>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
