import type { Metadata } from 'next';
import { CreateTokenForm } from '@/components/admin/create-token-form';
import { schemaHints } from '@/components/ui/form';
import { createTokenSchema } from '@/lib/tokens/schema';
import { TokenTable } from '@/components/admin/token-table';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { readTokenPolicy } from '@/lib/auth/token-policy';
import { grantableTokenScopes } from '@/lib/tokens/capabilities';
import { listMyTokens } from '@/lib/tokens/queries';

export const metadata: Metadata = { title: 'My API tokens' };

/**
 * A person's own API tokens. Engineers create their pipeline's token here
 * (monitoring scopes; the token acts for them, so only on the models they
 * own); whoever manages tokens sees every token under Admin → API tokens.
 */
export default async function MyTokensPage() {
  const actor = await requireActor();
  const [tokens, policy] = await Promise.all([loadPage(listMyTokens(actor)), readTokenPolicy(actor.orgId)]);
  const grantable = grantableTokenScopes(actor);
  return (
    <>
      <PageHeader
        title="My API tokens"
        description={
          <>
            Tokens you created for your pipelines and tools to call the <a href="/api/v1/openapi.json">REST API</a> with <code>Authorization: Bearer …</code>. A token holds only its scopes, never more than you hold, and acts as you: with <code>monitoring:write</code> it sends windows and acts on alerts only for the models you own at the time of the request.
          </>
        }
      />
      <Card title="Create a token" className="mb-6">
        {grantable.length ? (
          <>
            <p className="mb-3 text-sm text-slate-600">
              New tokens live {policy.defaultDays} days unless you ask for fewer; at most {policy.maxDays}. The secret is shown once; only its hash is stored.
            </p>
            <CreateTokenForm grantable={grantable} defaultDays={policy.defaultDays} hints={schemaHints(createTokenSchema)} />
          </>
        ) : (
          <p className="text-sm text-slate-700" data-testid="no-token-scopes">
            Your role holds no scope you may put on a token of your own. Administrators create tokens under Admin → API tokens.
          </p>
        )}
      </Card>
      {tokens.length === 0 ? <EmptyState title="You have no API tokens">Tokens you create appear here, with their scopes, expiry and last use.</EmptyState> : <TokenTable caption="My API tokens" tokens={tokens} />}
    </>
  );
}
