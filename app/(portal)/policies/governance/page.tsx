import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, ConfirmAction, DateTimeField, PersonPicker, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { addCommitteeMemberAction, recordCommitteeMeetingAction, removeCommitteeMemberAction, saveCommitteeAction } from '@/lib/policies/governance/actions';
import { addMemberSchema, COMMITTEE_ROLE_LABELS, COMMITTEE_ROLES, recordMeetingSchema, saveCommitteeSchema } from '@/lib/policies/governance/schema';
import { getCommittee, listPolicies } from '@/lib/policies/queries';
import { listReviews } from '@/lib/reviews/queries';

export const metadata: Metadata = { title: 'AI governance committee' };

export default async function GovernancePage() {
  const actor = await requireActor();
  const c = await loadPage(() => getCommittee(actor));
  const manage = c.capabilities.manage;
  const [policies, reviews] = manage ? await loadPage(Promise.all([listPolicies(actor), listReviews(actor)])) : [null, null];
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/policies">← Policies</Link></p>
      <PageHeader
        title={c.name || 'AI governance committee'}
        description="Who oversees AI ethics and compliance: the committee's members, its charter (a policy with versions and approval) and its meetings on the quarterly reviews. Each AI system's RACI is on the AI systems page."
      />
      <Card title="Charter" className="mb-6">
        {c.charter ? (
          <p className="text-sm">
            <Link href={`/policies/${c.charter.id}`}>{c.charter.title}</Link> {c.charter.version ? <>— version {c.charter.version} in force</> : <Badge tone="warn">not published yet</Badge>}
          </p>
        ) : (
          <EmptyState title={c.id ? 'No charter chosen yet' : 'No committee yet'}>{manage ? 'Name the committee and choose its charter below.' : null}</EmptyState>
        )}
        {manage && policies ? (
          <ActionForm action={saveCommitteeAction} schema={saveCommitteeSchema} label="Committee and charter" submit={c.id ? 'Save committee' : 'Set up the committee'} resetOnSuccess={false} className="mt-4 grid gap-4 md:grid-cols-2">
            <TextField label="Committee name" name="name" defaultValue={c.name || 'AI governance committee'} />
            <SelectField label="Charter (a policy)" name="charterPolicyId" defaultValue={c.charter?.id ?? ''} options={[{ value: '', label: 'None yet' }, ...policies.items.map((p) => ({ value: p.id, label: `${p.title} (${p.category})` }))]} />
          </ActionForm>
        ) : null}
      </Card>
      <Card title={`Members (${c.members.length})`} className="mb-6">
        {c.members.length ? (
          <Table caption="Committee members" columns={manage ? ['Name', 'Email', 'Role', 'Action'] : ['Name', 'Email', 'Role']}>
            {c.members.map((m) => (
              <tr key={m.userId}>
                <Td>{m.name}</Td>
                <Td className="text-xs">{m.email}</Td>
                <Td>{COMMITTEE_ROLE_LABELS[m.role]}</Td>
                {manage ? (
                  <Td>
                    <ConfirmAction
                      action={removeCommitteeMemberAction}
                      fields={{ userId: m.userId }}
                      label={`Remove ${m.name}`}
                      title={`Remove ${m.name} from the committee?`}
                      body="They stay a member of the organisation; the change is recorded in the audit trail."
                      confirmLabel="Remove"
                      success="Member removed."
                    />
                  </Td>
                ) : null}
              </tr>
            ))}
          </Table>
        ) : (
          <EmptyState title="No members yet" />
        )}
        {manage && c.id ? (
          <ActionForm action={addCommitteeMemberAction} schema={addMemberSchema} label="Add a committee member" submit="Add member" className="mt-4 grid gap-4 md:grid-cols-2">
            <PersonPicker label="Person" name="userId" required />
            <SelectField label="Role on the committee" name="role" defaultValue="member" options={COMMITTEE_ROLES.map((r) => ({ value: r, label: COMMITTEE_ROLE_LABELS[r] }))} />
          </ActionForm>
        ) : null}
      </Card>
      <Card title="Meetings">
        {c.meetings.length ? (
          <Table caption="Committee meetings" columns={['Held', 'Quarterly review', 'Minutes']}>
            {c.meetings.map((m) => (
              <tr key={m.id}>
                <Td><LocalTime iso={m.heldAt} /></Td>
                <Td>{m.review ? <Link href={`/reviews/${m.review.quarter}`}>{m.review.quarter}</Link> : '—'}</Td>
                <Td className="whitespace-pre-wrap text-xs">{m.minutes ?? '—'}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <EmptyState title="No meetings recorded yet" />
        )}
        {manage && c.id && reviews ? (
          <ActionForm action={recordCommitteeMeetingAction} schema={recordMeetingSchema} label="Record a meeting" submit="Record meeting" className="mt-4 grid gap-4 md:grid-cols-2">
            <DateTimeField label="Held at" name="heldAt" defaultNow />
            <SelectField label="Quarterly review discussed" name="reviewId" options={[{ value: '', label: 'None' }, ...reviews.items.map((r) => ({ value: r.id, label: `${r.quarter} (${r.status.toLowerCase().replace('_', ' ')})` }))]} />
            <TextAreaField label="Minutes" name="minutes" rows={4} className="md:col-span-2" />
          </ActionForm>
        ) : null}
      </Card>
    </>
  );
}
