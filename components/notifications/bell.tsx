import Link from 'next/link';

/** The shell's link to the inbox, named with the unread count for screen readers. */
export function NotificationBell({ unread }: { unread: number }) {
  const shown = unread > 99 ? '99+' : String(unread);
  return (
    <Link
      href="/notifications"
      aria-label={`Notifications, ${unread} unread`}
      data-testid="notification-bell"
      className="relative inline-flex items-center gap-2 rounded-md px-2 py-1 text-sm text-white no-underline hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-white"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span aria-hidden="true">Notifications</span>
      {unread > 0 ? (
        <span aria-hidden="true" className="rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900">
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
