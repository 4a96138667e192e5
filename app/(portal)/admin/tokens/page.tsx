import type { Metadata } from 'next';
import { CreateTokenForm } from '@/components/admin/create-token-form';
import { schemaHints } from '@/components/ui/form';
import { createTokenSchema } from '@/lib/tokens/schema';
import { TokenTable } from '@/components/admin/token-table';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, TextField } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { getTokenPolicy } from '@/lib/auth/token-policy';
import { tokenPolicySchema } from '@/lib/auth/token-policy-schema';
import { updateTokenPolicyAction } from '@/lib/tokens/actions';
import { grantableTokenScopes } from '@/lib/tokens/capabilities';
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
        <CreateTokenForm grantable={grantableTokenScopes(actor)} defaultDays={policy.defaultDays} hints={schemaHints(createTokenSchema)} />
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
        <TokenTable caption="API tokens" tokens={tokens} />
      )}
    </>
  );
}
