import type { Metadata } from 'next';
import { ActivationButton, ManagerForm, ReissueInviteButton, ResetMfaButton, RoleForm } from '@/components/admin/user-row-actions';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { schemaHints } from '@/components/ui/form';
import { createUserSchema } from '@/lib/users/schema';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { inputClass } from '@/components/ui/form';
import { ROLES, ROLE_LABELS } from '@/lib/auth/permissions';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { authorize } from '@/lib/auth/gate';
import { listUsers } from '@/lib/users/queries';
import { listUsersQuerySchema } from '@/lib/users/schema';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  await loadPage(async () => authorize(actor, 'users:manage'));
  const raw = await searchParams;
  const parsed = listUsersQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listUsersQuerySchema.parse({});
  const { items, total, page, pageSize } = await loadPage(listUsers(actor, query));
  const filterParams = { q: query.q, role: query.role, status: query.status === 'all' ? undefined : query.status };

  return (
    <>
      <PageHeader title="Users" description="Who can use the portal and with which role. Deactivating a user ends their sessions at once." />
      <Card title="Add a user" className="mb-6">
        <CreateUserForm hints={schemaHints(createUserSchema)} />
      </Card>
      <form className="no-print mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter users">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">Search</label>
          <input id="q" name="q" defaultValue={query.q} placeholder="Name or email" className={inputClass} />
        </div>
        <div>
          <label htmlFor="role" className="block text-sm font-medium">Role</label>
          <select id="role" name="role" defaultValue={query.role ?? ''} className={inputClass}>
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>{ROLE_LABELS[r]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">Status</label>
          <select id="status" name="status" defaultValue={query.status} className={inputClass}>
            <option value="all">All</option>
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
      </form>
      {items.length === 0 ? (
        <EmptyState title="No users match these filters">Clear the search or add a user above.</EmptyState>
      ) : (
        <Table caption="Users" columns={['Name', 'Role', 'Manager', 'Status', 'Last sign-in', 'Actions']}>
          {items.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.email}`}>
              <Td>
                <div className="font-medium">{u.name}</div>
                <div className="text-xs text-slate-600">{u.email}</div>
              </Td>
              <Td>
                {u.capabilities.changeRole ? <RoleForm id={u.id} role={u.role} email={u.email} /> : ROLE_LABELS[u.role]}
              </Td>
              <Td>
                {u.capabilities.setManager ? <ManagerForm id={u.id} email={u.email} manager={u.manager} /> : (u.manager?.name ?? '—')}
              </Td>
              <Td>
                {u.active ? (u.invitePending ? <Badge tone="warn">Invited</Badge> : <Badge tone="good">Active</Badge>) : <Badge tone="bad">Deactivated</Badge>}
                {u.mfaEnrolled ? <Badge tone="good">MFA</Badge> : null}
              </Td>
              <Td><LocalTime iso={u.lastLoginAt} /></Td>
              <Td>
                <div className="flex flex-wrap items-start gap-2">
                  {u.capabilities.deactivate || u.capabilities.reactivate ? <ActivationButton id={u.id} email={u.email} active={u.active} /> : null}
                  {u.invitePending && u.capabilities.reissueInvite ? <ReissueInviteButton id={u.id} /> : null}
                  {u.capabilities.resetMfa ? <ResetMfaButton id={u.id} email={u.email} /> : null}
                  <a href={`/admin/users/${u.id}/sessions`} className="px-2 py-1 text-xs underline" aria-label={`Sessions of ${u.email}`}>
                    Sessions
                  </a>
                </div>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} params={filterParams} basePath="/admin/users" />
    </>
  );
}
