'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/**
 * Below 1024 px the sidebar's contents fold behind a Menu button (tablets
 * and phones); from 1024 px they are always shown. Navigating closes it.
 */
export function CollapsibleNav({ title, children }: { title: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      <div className="flex items-center justify-between gap-4 px-4 py-3 lg:py-4">
        {title}
        <button
          type="button"
          className="rounded-md border border-slate-600 px-3 py-1.5 text-sm text-white hover:bg-slate-700 lg:hidden"
          aria-expanded={open}
          aria-controls="shell-nav"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Close menu' : 'Menu'}
        </button>
      </div>
      <div id="shell-nav" className={cn('lg:flex lg:flex-1 lg:flex-col', open ? 'block' : 'hidden')}>
        {children}
      </div>
    </>
  );
}
