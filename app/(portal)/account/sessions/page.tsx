import type { Metadata } from 'next';
import { SessionsTable, SignInHistory } from '@/components/account/sessions';
import { Card, PageHeader } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { revokeMySessionAction, revokeOtherSessionsAction } from '@/lib/auth/sessions/actions';
import { getMySignInHistory, listMySessions } from '@/lib/auth/sessions/queries';
import { historyPageSchema } from '@/lib/auth/sessions/schema';

export const metadata: Metadata = { title: 'Sessions and sign-ins' };

export default async function MySessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const page = historyPageSchema.parse((await searchParams).page);
  const actor = await requireActor();
  const [sessions, history] = await Promise.all([loadPage(listMySessions(actor)), loadPage(getMySignInHistory(actor, page))]);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <PageHeader title="Sessions and sign-ins" description="Where you are signed in, and every sign-in to your account from the audit trail. End a session you do not recognise, then change your password." />
      <Card title="Active sessions" className="mb-6" actions={others ? <ConfirmAction action={revokeOtherSessionsAction} fields={{}} label="End all other sessions" title="End all your other sessions?" body={`The ${others} other browser${others === 1 ? '' : 's'} signed in as you will be signed out on the next request. This one stays signed in.`} success="Other sessions ended." buttonClassName="px-3 py-2 text-sm" /> : null}>
        <SessionsTable sessions={sessions} caption="Your active sessions" revoke={revokeMySessionAction} />
      </Card>
      <Card title="Sign-in history">
        <SignInHistory history={history} basePath="/account/sessions" />
      </Card>
    </>
  );
}
