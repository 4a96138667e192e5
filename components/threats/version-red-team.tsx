import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import type { VersionRedTeam } from '@/lib/threats/red-team/queries';

/** The version's last red-team result on the registry's version page. */
export function VersionRedTeamCard({ last }: { last: VersionRedTeam | null }) {
  return (
    <Card title="Last red-team result" className="mt-6">
      {last ? (
        <div className="text-sm" data-testid="version-red-team">
          <p>
            <Link href={`/threats/red-team/${last.exerciseId}`}>{last.title}</Link> —{' '}
            {last.completedAt ? <>completed <LocalTime iso={last.completedAt} /></> : 'in progress'}{' '}
            {last.succeeded ? <Badge tone="bad">{last.succeeded} succeeded</Badge> : last.completedAt ? <Badge tone="good">no technique succeeded</Badge> : null}
          </p>
          <p className="mt-1 text-slate-700">
            {last.planned} technique{last.planned === 1 ? '' : 's'}: {last.resisted} resisted, {last.partial} partially succeeded, {last.succeeded} succeeded{last.untested ? `, ${last.untested} not tested yet` : ''}.
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-700">No red-team exercise has been run on this version.</p>
      )}
    </Card>
  );
}

/** The same result in a row of the model page's version list. */
export function VersionRedTeamCell({ last }: { last: VersionRedTeam | null | undefined }) {
  if (!last) return <span className="text-slate-600">none</span>;
  const verdict = last.succeeded ? (
    <Badge tone="bad">{last.succeeded} succeeded</Badge>
  ) : last.partial ? (
    <Badge tone="warn">{last.partial} partially</Badge>
  ) : last.completedAt ? (
    <Badge tone="good">resisted</Badge>
  ) : (
    <Badge>in progress</Badge>
  );
  return (
    <span data-testid="version-row-red-team">
      {verdict} <Link href={`/threats/red-team/${last.exerciseId}`}>{last.title}</Link>
    </span>
  );
}
