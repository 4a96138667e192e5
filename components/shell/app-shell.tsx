import Link from 'next/link';
import type { ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/form/toast';
import { NotificationBell } from '@/components/notifications/bell';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import { CollapsibleNav } from './collapsible-nav';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

export function AppShell({
  items,
  user,
  unread,
  children,
}: {
  items: { href: string; label: string }[];
  user: { name: string; email: string | null; role: Role | null };
  /** Unread notifications in the person's inbox, for the bell. */
  unread: number;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <aside className="no-print bg-slate-900 text-white lg:fixed lg:inset-y-0 lg:flex lg:w-60 lg:flex-col lg:overflow-y-auto">
        <CollapsibleNav
          title={
            <Link href="/" className="text-base font-semibold text-white no-underline">
              AI Governance Portal
            </Link>
          }
        >
          <div className="px-2 pb-2">
            <NotificationBell unread={unread} />
          </div>
          <nav aria-label="Main" className="px-2 pb-3 lg:flex-1">
            <NavLinks items={items} />
          </nav>
          <div className="border-t border-slate-700 px-4 py-3 text-sm">
            <div className="font-medium" data-testid="current-user">
              {user.name}
            </div>
            <div className="truncate text-xs text-slate-300">{user.email}</div>
            {user.role ? (
              <div className="mt-1 text-xs text-slate-300" data-testid="current-role">
                {ROLE_LABELS[user.role]}
              </div>
            ) : null}
            <div className="mt-2 -mx-3">
              <SignOutButton />
            </div>
          </div>
        </CollapsibleNav>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 lg:ml-60 lg:px-8">
        <ToastProvider>{children}</ToastProvider>
      </main>
    </div>
  );
}
