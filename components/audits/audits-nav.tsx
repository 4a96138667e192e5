import Link from 'next/link';

const TABS = [
  ['/audits', 'Audits'],
  ['/audits/findings', 'Findings'],
  ['/audits/evidence', 'Evidence'],
  ['/audits/requests', 'Evidence requests'],
  ['/audits/certifications', 'Certifications'],
  ['/audits/settings', 'Settings'],
] as const;

export function AuditsNav({ current }: { current: (typeof TABS)[number][0] }) {
  return (
    <nav aria-label="Audit workspace" className="no-print mb-6 flex flex-wrap gap-1 border-b border-slate-200">
      {TABS.map(([href, label]) => (
        <Link
          key={href}
          href={href}
          aria-current={href === current ? 'page' : undefined}
          className={`-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm no-underline ${href === current ? 'border-brand-700 font-semibold text-brand-800' : 'border-transparent text-slate-700 hover:text-slate-900'}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
