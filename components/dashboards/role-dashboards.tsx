import Link from 'next/link';
import { VerifyPanel } from '@/components/audit/verify-panel';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import type { adminDashboard, auditorDashboard, complianceDashboard, engineerDashboard } from '@/lib/dashboards/queries';
import { StackedBars, TrendLine } from './charts';
import { enumLabel } from '@/lib/format';

const STATUS_KEYS = ['COMPLIANT', 'PARTIALLY_COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'NOT_ASSESSED'];
const SEVERITY_KEYS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const STAGES = ['DRAFT', 'VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL', 'APPROVED', 'PRODUCTION', 'RETIRED'];
const label = enumLabel;

export function ComplianceDashboard({ data }: { data: Awaited<ReturnType<typeof complianceDashboard>> }) {
  const openIncidents = Object.values(data.incidentsOpen).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-6" data-testid="compliance-dashboard">
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Compliance posture by framework">
          {data.posture.length === 0 ? (
            <EmptyState title="No assessments yet">
              Open the <Link href="/requirements">requirements matrix</Link> and assess the first cells.
            </EmptyState>
          ) : (
            <StackedBars
              title="Matrix cells by status for each framework"
              rows={data.posture}
              keys={STATUS_KEYS}
              labelKey="framework"
              palette="status"
              height={Math.max(200, data.posture.length * 34 + 80)}
              link={{ prefix: '/requirements?framework=', key: 'key' }}
            />
          )}
        </Card>
        <Card title="Posture trend by quarter">
          {data.trend.length === 0 ? (
            <EmptyState title="No closed reviews yet">
              The trend is drawn from closed <Link href="/reviews">quarterly reviews</Link>.
            </EmptyState>
          ) : (
            <TrendLine title="Share of compliant and assessed matrix cells at each closed quarterly review" rows={data.trend} />
          )}
        </Card>
        <Card title="Open findings by severity and age">
          {data.findingsAge.every((b) => SEVERITY_KEYS.every((s) => !b[s as keyof typeof b])) ? (
            <EmptyState title="No open findings">Nothing to remediate.</EmptyState>
          ) : (
            <StackedBars title="Open findings by age bucket and severity" rows={data.findingsAge} keys={SEVERITY_KEYS} labelKey="bucket" palette="severity" link={{ prefix: '/audits' }} />
          )}
        </Card>
        <Card title="Models by lifecycle stage">
          <ul className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            {STAGES.map((s) => (
              <li key={s}>
                <Link href={`/models?stage=${s}`} className="block rounded-md border border-slate-200 p-2 no-underline hover:border-brand-600">
                  <span className="block text-xs text-slate-600">{label(s)}</span>
                  <span className="text-lg font-semibold text-slate-900">{data.stages[s as keyof typeof data.stages] ?? 0}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-sm text-slate-700">
            Open incidents by severity:{' '}
            {openIncidents === 0
              ? 'none'
              : Object.entries(data.incidentsOpen).map(([sev, n]) => (
                  <Badge key={sev} tone={sev === 'SEV1' || sev === 'SEV2' ? 'bad' : 'neutral'} className="mr-1">
                    {sev}: {n}
                  </Badge>
                ))}
          </p>
          <p className="mt-2 text-sm text-slate-700">
            Mean time to resolve (last 12 months):{' '}
            {data.mttr.length === 0
              ? 'no resolved incidents'
              : data.mttr.map((m) => (
                  <Link key={m.severity} href={`/incidents?severity=${m.severity}`} className="mr-2">
                    {m.severity} {m.hours} h ({m.resolved})
                  </Link>
                ))}
          </p>
        </Card>
      </div>
    </div>
  );
}

export function EngineerDashboard({ data }: { data: Awaited<ReturnType<typeof engineerDashboard>> }) {
  return (
    <div className="grid gap-6 xl:grid-cols-2" data-testid="engineer-dashboard">
      <Card title="My models" actions={<Link href="/models">All models</Link>}>
        {data.models.length === 0 ? (
          <EmptyState title="You own no models yet">
            Register one under <Link href="/models">Models</Link>.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 text-sm">
            {data.models.map((m) => (
              <li key={m.id} className="flex items-center justify-between py-2">
                <Link href={`/models/${m.key}`}>{m.name}</Link>
                {m.latest ? (
                  <span>
                    {m.latest.label} <Badge tone={m.latest.stage === 'PRODUCTION' ? 'good' : 'info'}>{label(m.latest.stage)}</Badge>
                  </span>
                ) : (
                  <span className="text-slate-600">no versions</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="My findings">
        {data.findings.length === 0 ? (
          <p className="text-sm text-slate-700">No open findings assigned to you.</p>
        ) : (
          <ul className="divide-y divide-slate-200 text-sm">
            {data.findings.map((f) => (
              <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/audits/findings/${f.id}`}>{f.title}</Link>
                <span>
                  <Badge tone={f.severity === 'CRITICAL' || f.severity === 'HIGH' ? 'bad' : 'neutral'}>{f.severity.toLowerCase()}</Badge>{' '}
                  {f.dueDate ? <>due <LocalTime iso={f.dueDate} dateOnly /></> : null} {f.overdue ? <Badge tone="bad">Overdue</Badge> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-sm">
          <Link href="/requirements?owner=me">My requirements to review ({data.requirementsOwned})</Link>
        </p>
      </Card>
    </div>
  );
}

export function AuditorDashboard({ data }: { data: Awaited<ReturnType<typeof auditorDashboard>> }) {
  return (
    <div className="grid gap-6 xl:grid-cols-2" data-testid="auditor-dashboard">
      <Card title="My audits" actions={<Link href="/audits">All audits</Link>}>
        {data.myAudits.length === 0 ? (
          <p className="text-sm text-slate-700">You are not assigned to an audit.</p>
        ) : (
          <ul className="divide-y divide-slate-200 text-sm" data-testid="my-audits">
            {data.myAudits.map((a) => (
              <li key={a.id} className="py-2">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link href={`/audits/${a.id}`}>{a.title}</Link>
                  <Badge tone={a.status === 'CLOSED' ? 'good' : 'info'}>{label(a.status)}</Badge>
                </div>
                <div className="mt-1 flex items-center gap-2 text-xs text-slate-700">
                  <progress className="h-2 w-32" max={Math.max(1, a.findings)} value={a.settled} aria-label={`${a.title}: ${a.settled} of ${a.findings} findings settled`} />
                  {a.settled} of {a.findings} findings closed or accepted
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Findings awaiting verification" actions={<Link href="/audits">Audits & findings</Link>}>
        {data.awaiting.length === 0 ? (
          <p className="text-sm text-slate-700">No finding is waiting for verification.</p>
        ) : (
          <ul className="divide-y divide-slate-200 text-sm">
            {data.awaiting.map((f) => (
              <li key={f.id} className="flex justify-between py-2">
                <Link href={`/audits/findings/${f.id}`}>{f.title}</Link>
                <span className="text-slate-600">{f.owner}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Audit-trail integrity" actions={<Link href="/audit-trail">Audit trail</Link>}>
        <VerifyPanel canVerify={data.canVerify} />
      </Card>
    </div>
  );
}

export function AdminDashboard({ data }: { data: Awaited<ReturnType<typeof adminDashboard>> }) {
  return (
    <div className="grid gap-6 xl:grid-cols-2" data-testid="admin-dashboard">
      <Card title="Users and roles" actions={<Link href="/admin/users">Manage users</Link>}>
        <ul className="grid grid-cols-2 gap-2 text-sm">
          {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
            <li key={r}>
              <Link href={`/admin/users?role=${r}&status=active`} className="block rounded-md border border-slate-200 p-2 no-underline hover:border-brand-600">
                <span className="block text-xs text-slate-600">{ROLE_LABELS[r]}</span>
                <span className="text-lg font-semibold text-slate-900">{data.usersByRole[r] ?? 0}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm">
          <Link href="/admin/tokens">API tokens expiring within 14 days: {data.tokensExpiring}</Link>
        </p>
      </Card>
      <Card title="Audit-trail integrity" actions={<Link href="/audit-trail">Audit trail</Link>}>
        <VerifyPanel canVerify />
      </Card>
    </div>
  );
}
