import Link from 'next/link';
import type { ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/form/toast';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

export function AppShell({
  items,
  user,
  children,
}: {
  items: { href: string; label: string }[];
  user: { name: string; email: string | null; role: Role | null };
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <aside className="no-print bg-slate-900 text-white md:fixed md:inset-y-0 md:flex md:w-60 md:flex-col">
        <div className="flex items-center justify-between gap-4 px-4 py-4">
          <Link href="/" className="text-base font-semibold text-white no-underline">
            AI Governance Portal
          </Link>
        </div>
        <nav aria-label="Main" className="px-2 pb-3 md:flex-1">
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
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 md:ml-60 md:px-8">
        <ToastProvider>{children}</ToastProvider>
      </main>
    </div>
  );
}
