import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, ConfirmAction, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { acknowledgePolicyAction, approvePolicyVersionAction, draftPolicyVersionAction, publishPolicyVersionAction } from '@/lib/policies/actions';
import { getPolicy } from '@/lib/policies/queries';
import { draftVersionSchema } from '@/lib/policies/schema';

export const metadata: Metadata = { title: 'Policy' };

export default async function PolicyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const sp = await searchParams;
  const actor = await requireActor();
  const p = await loadPage(() => getPolicy(actor, id, { from: typeof sp.from === 'string' ? sp.from : undefined, to: typeof sp.to === 'string' ? sp.to : undefined }));
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/policies">← Policies</Link></p>
      <PageHeader title={p.title} description={<>{p.category} · owner {p.owner ?? '—'} · must be acknowledged by {p.requiredRoles.length ? p.requiredRoles.map((r) => ROLE_LABELS[r]).join(', ') : 'nobody'}{p.reviewDueAt ? <> · review due <LocalTime iso={p.reviewDueAt} dateOnly /></> : null}</>} />
      {p.current ? (
        <Card title={`Current version ${p.current.label}`} className="mb-6" actions={p.mine === 'done' ? <Badge tone="good">You acknowledged it</Badge> : null}>
          <div className="whitespace-pre-wrap text-sm" data-testid="policy-body">{p.current.body}</div>
          {p.mine === 'due' && p.capabilities.acknowledge ? (
            <div className="mt-4">
              <ActionForm action={acknowledgePolicyAction} label="Acknowledge this policy" submit={`I have read and acknowledge version ${p.current.label}`} fields={{ policyId: p.id }} announce="toast" />
            </div>
          ) : null}
        </Card>
      ) : <EmptyState title="No published version yet">A version is published once someone other than its author has approved it.</EmptyState>}

      <Card title="Versions" className="mb-6">
        <Table caption="Versions" columns={['Version', 'Status', 'Author', 'Approved by', 'Note', '']}>
          {p.versions.map((v) => (
            <tr key={v.id}>
              <Td>v{v.label}</Td>
              <Td><Badge tone={v.status === 'PUBLISHED' ? 'good' : v.status === 'SUPERSEDED' ? 'neutral' : 'info'}>{v.status.toLowerCase()}</Badge></Td>
              <Td>{v.author}</Td>
              <Td>{v.approver ?? '—'}</Td>
              <Td className="text-xs">{v.changeNote ?? ''}</Td>
              <Td>
                {v.capabilities.approve ? <ConfirmAction action={approvePolicyVersionAction} fields={{ versionId: v.id }} label={`Approve v${v.label}`} title={`Approve version ${v.label}?`} body="You confirm the text of this version; it can then be published." confirmLabel="Approve" variant="secondary" /> : null}
                {v.capabilities.publish ? <ConfirmAction action={publishPolicyVersionAction} fields={{ versionId: v.id }} label={`Publish v${v.label}`} title={`Publish version ${v.label}?`} body="It replaces the current version. A new major version asks everyone to acknowledge again." confirmLabel="Publish" variant="secondary" /> : null}
              </Td>
            </tr>
          ))}
        </Table>
      </Card>

      {p.diff ? (
        <Card title={`Changes from v${p.diff.from.label} to v${p.diff.to.label}`} className="mb-6">
          {p.diff.lines ? (
            <pre className="overflow-x-auto text-xs" aria-label="Line differences">
              {p.diff.lines.map((l, i) => (
                <div key={i} className={l.kind === 'added' ? 'bg-green-50 text-green-900' : l.kind === 'removed' ? 'bg-red-50 text-red-900' : ''}>
                  {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '− ' : '  '}{l.text}
                </div>
              ))}
            </pre>
          ) : <p className="text-sm">The versions are too long to compare here.</p>}
        </Card>
      ) : null}

      <Card title="Acknowledgements" className="mb-6">
        {p.people.length ? (
          <Table caption="Acknowledgements" columns={['Person', 'Role', 'Current version']}>
            {p.people.map((u) => (
              <tr key={u.id}>
                <Td>{u.name}</Td>
                <Td className="text-xs">{ROLE_LABELS[u.role]}</Td>
                <Td>{u.acknowledgedAt ? <>v{u.version} on <LocalTime iso={u.acknowledgedAt} dateOnly /></> : <Badge tone="warn">{u.previous ? `pending (acknowledged v${u.previous})` : 'pending'}</Badge>}</Td>
              </tr>
            ))}
          </Table>
        ) : <p className="text-sm">No role is required to acknowledge this policy.</p>}
      </Card>

      {p.capabilities.draft ? (
        <Card title="Draft a new version">
          <ActionForm action={draftPolicyVersionAction} schema={draftVersionSchema} label="Draft a new version" submit="Save draft version" fields={{ policyId: p.id }}>
            <TextAreaField label="Policy text (Markdown)" name="body" rows={12} defaultValue={p.latestBody} />
            <TextField label="Change note" name="changeNote" />
            <CheckboxField label="Major version (everyone must acknowledge again)" name="major" />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
