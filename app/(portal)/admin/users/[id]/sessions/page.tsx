import type { Metadata } from 'next';
import { SessionsTable, SignInHistory } from '@/components/account/sessions';
import { Card, PageHeader } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { revokeUserSessionsAction } from '@/lib/auth/sessions/actions';
import { getUserSignInHistory, listUserSessions } from '@/lib/auth/sessions/queries';
import { historyPageSchema, revokeSessionSchema } from '@/lib/auth/sessions/schema';

export const metadata: Metadata = { title: 'A person’s sessions' };

export default async function UserSessionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = revokeSessionSchema.parse(await params);
  const page = historyPageSchema.parse((await searchParams).page);
  const actor = await requireActor();
  const [{ user, sessions, capabilities }, history] = await Promise.all([loadPage(listUserSessions(actor, id)), loadPage(getUserSignInHistory(actor, id, page))]);
  return (
    <>
      <PageHeader title={`Sessions of ${user.name}`} description={`${user.email}: where they are signed in, and their sign-ins from the audit trail.`} />
      <Card
        title="Active sessions"
        className="mb-6"
        actions={capabilities.revoke && sessions.length ? <ConfirmAction action={revokeUserSessionsAction} fields={{ id: user.id }} label="Sign out everywhere" title={`Sign ${user.name} out everywhere?`} body="Every browser signed in as them is signed out on its next request, and they are told." success="Sessions ended." buttonClassName="px-3 py-2 text-sm" /> : null}
      >
        <SessionsTable sessions={sessions} caption={`Active sessions of ${user.name}`} />
      </Card>
      <Card title="Sign-in history">
        <SignInHistory history={history} basePath={`/admin/users/${user.id}/sessions`} />
      </Card>
    </>
  );
}
