import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxGroup, DateField, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { ROLE_LABELS, ROLES } from '@/lib/auth/permissions';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createPolicyAction } from '@/lib/policies/actions';
import { listPolicies } from '@/lib/policies/queries';
import { createPolicySchema, POLICY_CATEGORIES } from '@/lib/policies/schema';

export const metadata: Metadata = { title: 'Policies' };

const MINE = { done: ['good', 'Acknowledged'], due: ['warn', 'To acknowledge'], none: ['neutral', 'Not published'], 'not-required': ['neutral', 'Not required of you'] } as const;

export default async function PoliciesPage() {
  const actor = await requireActor();
  const list = await loadPage(() => listPolicies(actor));
  return (
    <>
      <PageHeader title="Policies" description="AI policies with their versions, approval and staff acknowledgement." actions={<><ButtonLink href="/policies/governance">Governance committee</ButtonLink><ButtonLink href="/policies/training">AI literacy register</ButtonLink></>} />
      {list.items.length === 0 ? (
        <EmptyState title="No policies yet">{list.capabilities.create ? 'Create the first one below.' : 'Compliance officers write policies.'}</EmptyState>
      ) : (
        <Table caption="Policies" columns={['Policy', 'Category', 'Current version', 'Acknowledged', 'You', 'Review due']}>
          {list.items.map((p) => (
            <tr key={p.id}>
              <Td><Link href={`/policies/${p.id}`} className="font-medium">{p.title}</Link>{p.pending.length ? <> <Badge tone="info">{p.pending[0].toLowerCase()} version</Badge></> : null}</Td>
              <Td className="text-xs">{p.category}</Td>
              <Td>{p.currentVersion ? <>v{p.currentVersion.label} <span className="text-xs text-slate-600">(<LocalTime iso={p.currentVersion.publishedAt} dateOnly />)</span></> : <span className="text-xs text-slate-600">not published</span>}</Td>
              <Td>{p.required ? `${p.acknowledged} of ${p.required}` : '—'}</Td>
              <Td><Badge tone={MINE[p.mine][0]}>{MINE[p.mine][1]}</Badge></Td>
              <Td className="text-xs">{p.reviewDueAt ? <><LocalTime iso={p.reviewDueAt} dateOnly />{p.reviewOverdue ? <> <Badge tone="bad">overdue</Badge></> : null}</> : '—'}</Td>
            </tr>
          ))}
        </Table>
      )}
      {list.capabilities.create ? (
        <Card title="New policy" className="mt-6">
          <ActionForm action={createPolicyAction} schema={createPolicySchema} label="New policy" submit="Create policy" className="grid gap-4 md:grid-cols-2">
            <TextField label="Title" name="title" />
            <SelectField label="Category" name="category" options={POLICY_CATEGORIES.map((c) => ({ value: c, label: c }))} />
            <CheckboxGroup label="Who must acknowledge it" name="requiredRoles[]" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} className="md:col-span-2" />
            <DateField label="Review due" name="reviewDueAt" />
            <TextField label="Change note" name="changeNote" />
            <TextAreaField label="Policy text (Markdown)" name="body" rows={10} className="md:col-span-2" />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
