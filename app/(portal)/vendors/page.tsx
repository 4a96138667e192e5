import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, inputClass, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { enumLabel } from '@/lib/format';
import { createVendorAction } from '@/lib/vendors/actions';
import { listVendors } from '@/lib/vendors/queries';
import { CATEGORY_LABELS, CLASSIFICATIONS, createVendorSchema, listVendorsQuerySchema, VENDOR_CATEGORIES } from '@/lib/vendors/schema';
import { RISK_TIERS } from '@/lib/vendors/tier';

export const metadata: Metadata = { title: 'Vendors' };

const TIER_TONE = { LOW: 'good', MEDIUM: 'neutral', HIGH: 'warn', CRITICAL: 'bad' } as const;

export default async function VendorsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listVendorsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listVendorsQuerySchema.parse({});
  const list = await loadPage(() => listVendors(actor, query));
  const params = { q: query.q, category: query.category, tier: query.tier };
  return (
    <>
      <PageHeader title="Vendors" description="Third-party AI vendors: what they provide, the data they receive, their contracts, certifications and due-diligence questionnaires." />
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-red-700">Some filters were not understood and were ignored.</p> : null}
      <form className="mb-6 flex flex-wrap items-end gap-3" role="search" aria-label="Filter vendors">
        <div>
          <label htmlFor="f-q" className="block text-sm font-medium">Name</label>
          <input id="f-q" name="q" defaultValue={query.q ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-category" className="block text-sm font-medium">Category</label>
          <select id="f-category" name="category" defaultValue={query.category ?? ''} className={inputClass}>
            <option value="">Any</option>
            {VENDOR_CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-tier" className="block text-sm font-medium">Risk tier</label>
          <select id="f-tier" name="tier" defaultValue={query.tier ?? ''} className={inputClass}>
            <option value="">Any</option>
            {RISK_TIERS.map((t) => <option key={t} value={t}>{enumLabel(t)}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={Object.values(params).some(Boolean) ? 'No vendor matches these filters' : 'No vendors yet'}>
          {list.capabilities.create ? 'Add the first one below.' : 'Compliance officers add vendors.'}
        </EmptyState>
      ) : (
        <Table caption={`Vendors (${list.total})`} columns={['Vendor', 'Category', 'Risk tier', 'Data', 'Next expiry', 'Next review', 'Open questionnaires']}>
          {list.items.map((v) => (
            <tr key={v.id}>
              <Td><Link href={`/vendors/${v.id}`} className="font-medium">{v.name}</Link></Td>
              <Td className="text-xs">{CATEGORY_LABELS[v.category]}</Td>
              <Td>{v.riskTier ? <Badge tone={TIER_TONE[v.riskTier]}>{enumLabel(v.riskTier)}</Badge> : <span className="text-xs text-slate-600">not tiered</span>}</Td>
              <Td className="text-xs">{enumLabel(v.dataClassification)}</Td>
              <Td className="text-xs">{v.nextExpiry ? <>{v.nextExpiry.what.replace('_', ' ')} <LocalTime iso={v.nextExpiry.at} dateOnly /></> : '—'}</Td>
              <Td className="text-xs">{v.nextReviewAt ? <><LocalTime iso={v.nextReviewAt} dateOnly />{v.reviewOverdue ? <> <Badge tone="bad">overdue</Badge></> : null}</> : '—'}</Td>
              <Td className="text-xs">{v.openQuestionnaires}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={params} basePath="/vendors" />
      {list.capabilities.create ? (
        <Card title="Add a vendor" className="mt-6">
          <ActionForm action={createVendorAction} schema={createVendorSchema} label="Add a vendor" submit="Add vendor" pendingText="Adding…" className="grid gap-4 md:grid-cols-2">
            <TextField label="Name" name="name" />
            <SelectField label="Category" name="category" options={VENDOR_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
            <TextAreaField label="Services used" name="services" className="md:col-span-2" />
            <TextAreaField label="Data shared with the vendor" name="dataShared" className="md:col-span-2" />
            <SelectField label="Classification of the data shared" name="dataClassification" options={CLASSIFICATIONS.map((c) => ({ value: c, label: enumLabel(c) }))} defaultValue="INTERNAL" />
            <TextField label="Review every (months)" name="reviewCadenceMonths" type="number" defaultValue="12" min={1} max={60} />
            <TextField label="Contact name" name="contactName" />
            <TextField label="Contact e-mail" name="contactEmail" type="email" hint="Questionnaires are sent to this address." />
            <TextField label="Website" name="website" type="url" />
            <TextAreaField label="Subprocessors" name="subprocessors" hint="One per line." />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
