import { RotateTokenForm } from '@/components/admin/rotate-token-form';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { revokeTokenAction } from '@/lib/tokens/actions';
import type { TokenSummary } from '@/lib/tokens/schema';

/** API tokens with their scopes, lifetime and status; rotate and revoke where the token's capabilities allow. */
export function TokenTable({ caption, tokens }: { caption: string; tokens: TokenSummary[] }) {
  return (
    <Table caption={caption}>
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
  );
}
