import { AppShell } from '@/components/shell/app-shell';
import { requireActor } from '@/lib/auth/session';
import { navFor } from '@/lib/nav';
import { unreadNotificationCount } from '@/lib/notifications/queries';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const unread = await unreadNotificationCount(actor);
  return (
    <AppShell items={navFor(actor)} user={{ name: actor.name, email: actor.email, role: actor.role }} unread={unread}>
      {children}
    </AppShell>
  );
}
