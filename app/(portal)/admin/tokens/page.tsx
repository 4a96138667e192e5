import type { Metadata } from 'next';
import { CreateTokenForm } from '@/components/admin/create-token-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { ConfirmAction } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { TOKEN_SCOPES } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { revokeTokenAction } from '@/lib/tokens/actions';
import { listTokens } from '@/lib/tokens/queries';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const actor = await requireActor();
  const tokens = await loadPage(listTokens(actor));
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let pipelines and tools call the <a href="/api/v1/openapi.json">REST API</a> with <code>Authorization: Bearer …</code>. Each is limited to its scopes; only a hash is stored.
          </>
        }
      />
      <Card title="Create a token" className="mb-6">
        <CreateTokenForm grantable={actor.grants.any.filter((p) => TOKEN_SCOPES.includes(p))} />
      </Card>
      {tokens.length === 0 ? (
        <EmptyState title="No API tokens yet">Create one above for a deploy or training pipeline.</EmptyState>
      ) : (
        <Table caption="API tokens">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Scopes</Th>
              <Th>Created</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th><span className="sr-only">Actions</span></Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {tokens.map((t) => {
              return (
                <tr key={t.id}>
                  <Td>
                    <div className="font-medium">{t.name}</div>
                    <code className="text-xs text-slate-600">{t.prefix}…</code>
                  </Td>
                  <Td className="max-w-xs text-xs">{t.scopes.join(', ')}</Td>
                  <Td>
                    <LocalTime iso={t.createdAt} dateOnly />
                    <div className="text-xs text-slate-600">{t.createdBy}</div>
                  </Td>
                  <Td><LocalTime iso={t.expiresAt} dateOnly /></Td>
                  <Td><LocalTime iso={t.lastUsedAt} /></Td>
                  <Td>{t.status === 'revoked' ? <Badge tone="bad">Revoked</Badge> : t.status === 'expired' ? <Badge tone="warn">Expired</Badge> : <Badge tone="good">Active</Badge>}</Td>
                  <Td>
                    {t.capabilities.revoke ? (
                      <ConfirmAction action={revokeTokenAction} fields={{ id: t.id }} label="Revoke" title={`Revoke ${t.name}?`} body="Anything using this token loses access immediately. This cannot be undone." />
                    ) : null}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
