'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

const TABS = [
  { href: '/requirements', label: 'Matrix' },
  { href: '/requirements/mine', label: 'My requirements' },
  { href: '/requirements/library', label: 'Library' },
  { href: '/requirements/systems', label: 'AI systems' },
  { href: '/requirements/controls', label: 'Controls' },
  { href: '/requirements/crosswalk', label: 'Crosswalk' },
  { href: '/requirements/reviews', label: 'Quarter view' },
  { href: '/requirements/import', label: 'Import' },
];

export function RequirementsSubNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Requirements sections" className="no-print mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {TABS.map((t) => {
          const active = t.href === '/requirements' ? pathname === t.href : pathname.startsWith(t.href);
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? 'page' : undefined}
                className={cn('inline-block border-b-2 px-3 py-2 text-sm no-underline', active ? 'border-brand-700 font-semibold text-brand-800' : 'border-transparent text-slate-700 hover:text-slate-900')}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
