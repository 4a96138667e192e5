import type { Metadata } from 'next';
import { CreateTokenForm } from '@/components/admin/create-token-form';
import { RotateTokenForm } from '@/components/admin/rotate-token-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { ActionForm, ConfirmAction, TextField } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { TOKEN_SCOPES } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { getTokenPolicy } from '@/lib/auth/token-policy';
import { tokenPolicySchema } from '@/lib/auth/token-policy-schema';
import { revokeTokenAction, updateTokenPolicyAction } from '@/lib/tokens/actions';
import { listTokens } from '@/lib/tokens/queries';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const actor = await requireActor();
  const [tokens, { policy, capabilities }] = await Promise.all([loadPage(listTokens(actor)), loadPage(getTokenPolicy(actor))]);
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
        <p className="mb-3 text-sm text-slate-600" data-testid="token-policy-summary">
          New tokens live {policy.defaultDays} days unless you ask for fewer; at most {policy.maxDays}. A token older than {policy.maxDays} days since it was issued or last rotated stops working. Rotating keeps the old secret valid for {policy.rotationGraceHours} hours; creators are told {policy.warnDays} days before a token expires.
        </p>
        <CreateTokenForm grantable={actor.grants.any.filter((p) => TOKEN_SCOPES.includes(p))} defaultDays={policy.defaultDays} />
      </Card>
      {capabilities.edit ? (
        <Card title="Token lifetime" className="mb-6">
          <ActionForm action={updateTokenPolicyAction} schema={tokenPolicySchema} label="Token lifetime policy" submit="Save policy" resetOnSuccess={false} className="grid gap-4 md:grid-cols-4">
            <TextField label="Default lifetime (days)" name="defaultDays" type="number" defaultValue={policy.defaultDays} />
            <TextField label="Maximum lifetime (days)" name="maxDays" type="number" defaultValue={policy.maxDays} />
            <TextField label="Old secret valid after rotation (hours)" name="rotationGraceHours" type="number" defaultValue={policy.rotationGraceHours} />
            <TextField label="Warn creators (days before)" name="warnDays" type="number" defaultValue={policy.warnDays} />
          </ActionForm>
        </Card>
      ) : null}
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
                  <Td>
                    <LocalTime iso={t.expiresAt} dateOnly />
                    {t.previousValidUntil ? (
                      <div className="text-xs text-slate-600">
                        Old secret until <LocalTime iso={t.previousValidUntil} />
                      </div>
                    ) : null}
                  </Td>
                  <Td><LocalTime iso={t.lastUsedAt} /></Td>
                  <Td>{t.status === 'revoked' ? <Badge tone="bad">Revoked</Badge> : t.status === 'expired' ? <Badge tone="warn">Expired</Badge> : <Badge tone="good">Active</Badge>}</Td>
                  <Td>
                    <div className="flex flex-wrap items-start gap-2">
                      {t.capabilities.rotate ? <RotateTokenForm id={t.id} name={t.name} /> : null}
                      {t.capabilities.revoke ? (
                        <ConfirmAction action={revokeTokenAction} fields={{ id: t.id }} label="Revoke" title={`Revoke ${t.name}?`} body="Anything using this token loses access immediately. This cannot be undone." />
                      ) : null}
                    </div>
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
