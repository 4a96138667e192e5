import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';

type Coverage = { role: Role; people: number; covered: number; percent: number; required: string[] };
type Overdue = { userId: string; courseId: string; name: string; role: Role; course: string; state: 'expired' | 'missing' };

/** The home dashboard's AI literacy tile (EU AI Act Art. 4): coverage per role and the people overdue. */
export function LiteracyDashboard({ coverage, overdue }: { coverage: Coverage[]; overdue: Overdue[] }) {
  const shown = overdue.slice(0, 8);
  return (
    <Card title="AI literacy (EU AI Act Art. 4)" className="mt-6" actions={<Link href="/policies/training" className="text-sm">AI literacy register</Link>}>
      <div className="grid gap-6 lg:grid-cols-2" data-testid="literacy-dashboard">
        <Table caption="Coverage per role" columns={['Role', 'Covered']}>
          {coverage.filter((c) => c.required.length).map((c) => (
            <tr key={c.role}>
              <Td>{ROLE_LABELS[c.role]}</Td>
              <Td><Badge tone={c.percent === 100 ? 'good' : c.percent >= 50 ? 'warn' : 'bad'}>{c.covered} of {c.people} ({c.percent} %)</Badge></Td>
            </tr>
          ))}
        </Table>
        {shown.length ? (
          <Table caption={`Overdue (${overdue.length})`} columns={['Person', 'Training', 'State']}>
            {shown.map((o) => (
              <tr key={`${o.userId}:${o.courseId}`}>
                <Td>{o.name} <span className="text-xs text-slate-700">({ROLE_LABELS[o.role]})</span></Td>
                <Td>{o.course}</Td>
                <Td>{o.state === 'expired' ? 'expired' : 'never completed'}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-sm text-slate-700">Nobody is overdue on a required training.</p>
        )}
      </div>
      {overdue.length > shown.length ? <p className="mt-2 text-sm"><Link href="/policies/training">All {overdue.length} overdue trainings</Link></p> : null}
    </Card>
  );
}
