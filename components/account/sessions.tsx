import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/form';
import type { FormAction } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import type { SessionRow } from '@/lib/auth/sessions/queries';

const ACTION_LABELS: Record<string, string> = {
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.signed_out': 'Signed out',
  'auth.session_revoked': 'Sessions ended',
  'mfa.verified': 'Second factor given',
  'mfa.verification_failed': 'Second factor refused',
};

/** Active sessions; `revoke` (when given) ends one. */
export function SessionsTable<T>({ sessions, caption, revoke }: { sessions: SessionRow[]; caption: string; revoke?: FormAction<T> }) {
  if (sessions.length === 0) return <EmptyState title="No active sessions">Nobody is signed in with this account right now.</EmptyState>;
  return (
    <Table caption={caption} columns={['Device', 'IP address', 'Signed in', 'Last seen', <span key="a" className="sr-only">Actions</span>]}>
      {sessions.map((s) => (
        <tr key={s.id} data-testid="session-row">
          <Td>
            <div className="font-medium" title={s.userAgent ?? undefined}>
              {s.device}
            </div>
            {s.current ? <Badge tone="good">This browser</Badge> : null}
            {s.secondFactor ? <div className="text-xs text-slate-600">Second factor: {s.secondFactor}</div> : null}
          </Td>
          <Td>{s.ip ?? 'unknown'}</Td>
          <Td><LocalTime iso={s.signedInAt} /></Td>
          <Td><LocalTime iso={s.lastSeenAt} /></Td>
          <Td>
            {revoke && !s.current ? (
              <ConfirmAction action={revoke} fields={{ id: s.id }} label={`End session ${s.device}`} confirmLabel="End session" title={`End the session on ${s.device}?`} body="That browser is signed out on its next request." success="Session ended." />
            ) : null}
          </Td>
        </tr>
      ))}
    </Table>
  );
}

export type HistoryPage = { page: number; pageSize: number; total: number; items: { id: string; at: string; action: string; ip: string | null; by: string; method: string | null }[] };

export function SignInHistory({ history, basePath }: { history: HistoryPage; basePath: string }) {
  if (history.total === 0) return <EmptyState title="No sign-ins recorded yet" />;
  return (
    <>
      <Table caption="Sign-in history" columns={['When', 'What', 'Method', 'IP address']}>
        {history.items.map((e) => (
          <tr key={e.id} data-testid="history-row">
            <Td><LocalTime iso={e.at} /></Td>
            <Td>{e.action.endsWith('failed') ? <Badge tone="bad">{ACTION_LABELS[e.action] ?? e.action}</Badge> : (ACTION_LABELS[e.action] ?? e.action)}</Td>
            <Td>{e.method ?? '—'}</Td>
            <Td>{e.ip ?? 'unknown'}</Td>
          </tr>
        ))}
      </Table>
      <Pagination page={history.page} pageSize={history.pageSize} total={history.total} params={{}} basePath={basePath} />
    </>
  );
}
