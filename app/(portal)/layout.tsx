import { AppShell } from '@/components/shell/app-shell';
import { requireActor } from '@/lib/auth/session';
import { navFor } from '@/lib/nav';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <AppShell items={navFor(actor)} user={{ name: actor.name, email: actor.email, role: actor.role }}>
      {children}
    </AppShell>
  );
}
