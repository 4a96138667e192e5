import type { Metadata } from 'next';
import { CreateScimTokenForm } from '@/components/admin/create-scim-token-form';
import { schemaHints } from '@/components/ui/form';
import { createScimTokenSchema } from '@/lib/scim/schema';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { ActionForm, ConfirmAction, SelectField } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { ROLE_LABELS, ROLES } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { publicBaseUrl } from '@/lib/env';
import { mapGroupRoleAction, revokeScimTokenAction, updateScimSettingsAction } from '@/lib/scim/actions';
import { getScimAdmin } from '@/lib/scim/mapping';
import { mapGroupRoleSchema, scimSettingsSchema } from '@/lib/scim/schema';
import { listScimTokens } from '@/lib/scim/tokens';

export const metadata: Metadata = { title: 'Provisioning (SCIM)' };

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export default async function ProvisioningPage() {
  const actor = await requireActor();
  const [tokens, { settings, groups }] = await Promise.all([loadPage(listScimTokens(actor)), loadPage(getScimAdmin(actor))]);
  return (
    <>
      <PageHeader
        title="Provisioning (SCIM)"
        description={
          <>
            Your identity provider creates, updates and deactivates portal users through SCIM 2.0 at <code>{publicBaseUrl()}/scim/v2</code>. A deactivated user’s sessions and API tokens stop on their next request. Roles come only from the group mapping below.
          </>
        }
      />
      <Card title="SCIM tokens" className="mb-6">
        <CreateScimTokenForm hints={schemaHints(createScimTokenSchema)} />
        {tokens.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">No SCIM token yet.</p>
        ) : (
          <Table caption="SCIM tokens" className="mt-4">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {tokens.map((t) => (
                <tr key={t.id}>
                  <Td>
                    <div className="font-medium">{t.name}</div>
                    <code className="text-xs text-slate-600">{t.prefix}…</code>
                  </Td>
                  <Td>
                    <LocalTime iso={t.createdAt} dateOnly />
                    <div className="text-xs text-slate-600">{t.createdBy}</div>
                  </Td>
                  <Td><LocalTime iso={t.lastUsedAt} /></Td>
                  <Td>{t.revokedAt ? <Badge tone="bad">Revoked</Badge> : <Badge tone="good">Active</Badge>}</Td>
                  <Td>
                    {t.capabilities.revoke ? (
                      <ConfirmAction action={revokeScimTokenAction} fields={{ id: t.id }} label="Revoke" title={`Revoke ${t.name}?`} body="The identity provider can no longer provision users with this token. This cannot be undone." />
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title="Role of users in no mapped group" className="mb-6">
        <ActionForm action={updateScimSettingsAction} schema={scimSettingsSchema} label="Default role for provisioned users" submit="Save default role" resetOnSuccess={false} className="flex flex-wrap items-end gap-4">
          <SelectField label="Default role" name="defaultRole" options={ROLE_OPTIONS} defaultValue={settings.defaultRole} hint="Given to users the identity provider creates until a mapped group gives them another." />
        </ActionForm>
      </Card>
      <Card title="Group → role mapping">
        {groups.length === 0 ? (
          <EmptyState title="No groups pushed yet">Groups appear here once your identity provider pushes them to /scim/v2/Groups.</EmptyState>
        ) : (
          <Table caption="Groups pushed by the identity provider and the role each gives">
            <thead>
              <tr>
                <Th>Group</Th>
                <Th>Members</Th>
                <Th>Role it gives</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {groups.map((g) => (
                <tr key={g.id}>
                  <Td>
                    <div className="font-medium">{g.displayName}</div>
                    {g.externalId ? <div className="text-xs text-slate-600">{g.externalId}</div> : null}
                  </Td>
                  <Td>{g.members}</Td>
                  <Td>
                    <ActionForm action={mapGroupRoleAction} schema={mapGroupRoleSchema} label={`Role for ${g.displayName}`} fields={{ groupId: g.id }} submit="Save" resetOnSuccess={false} className="flex flex-wrap items-end gap-2">
                      <SelectField label={`Role for members of ${g.displayName}`} srOnlyLabel name="role" options={[{ value: 'NONE', label: 'No role' }, ...ROLE_OPTIONS]} defaultValue={g.role ?? 'NONE'} />
                    </ActionForm>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
