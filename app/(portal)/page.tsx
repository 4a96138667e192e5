import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminDashboard, AuditorDashboard, ComplianceDashboard, EngineerDashboard } from '@/components/dashboards/role-dashboards';
import { ActionItemStatusButton } from '@/components/reviews/review-forms';
import { AlertStatusBadge, LevelBadge } from '@/components/monitoring/badges';
import { Badge } from '@/components/ui/badge';
import { RetentionDeletionForm } from '@/components/privacy/retention-deletion-form';
import { Card, PageHeader, Stat } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { homeDashboards } from '@/lib/dashboards/queries';
import { homeStats } from '@/lib/home/queries';
import { myOpenAlerts } from '@/lib/monitoring/queries';
import { privacyDashboard } from '@/lib/privacy/dashboard';
import { myPrivacyTasks } from '@/lib/privacy/requests/queries';
import { myMinimisationReviews } from '@/lib/privacy/retention/queries';
import { myActionItems } from '@/lib/reviews/queries';
import { LiteracyDashboard } from '@/components/policies/literacy-dashboard';
import { policyCapabilities } from '@/lib/policies/capabilities';
import { trainingCoverage } from '@/lib/policies/queries';

export const metadata: Metadata = { title: 'Home' };

const INTRO: Record<string, string> = {
  ADMIN: 'You manage who can use the portal, API tokens for pipelines, and the integrity of the audit trail.',
  COMPLIANCE_OFFICER: 'You keep the requirements matrix, sign off models before production, and run the quarterly review.',
  PRIVACY_OFFICER: 'You keep the records of processing, advise on and sign off DPIAs, and answer data-subject requests on time.',
  ENGINEER: 'You register models and their versions, record results, and take them through the compliance gates.',
  AUDITOR: 'You review evidence, raise findings and verify remediation. Everything else is read-only for you.',
};

export default async function HomePage() {
  const actor = await requireActor();
  const role = actor.role;
  const [stats, actionItems, { compliance, engineer, auditor, admin }, privacy, minimisation, alerts, privacyTasks] = await Promise.all([
    loadPage(homeStats(actor)),
    loadPage(myActionItems(actor)),
    loadPage(homeDashboards(actor)),
    loadPage(privacyDashboard(actor)),
    loadPage(myMinimisationReviews(actor)),
    loadPage(myOpenAlerts(actor)),
    loadPage(myPrivacyTasks(actor)),
  ]);
  // Who manages the register sees its coverage and who is overdue.
  const literacy = policyCapabilities(actor).manageTraining ? await loadPage(trainingCoverage(actor)) : null;
  return (
    <>
      <PageHeader title={`Welcome, ${actor.name.split(' ')[0]}`} description={`${role ? ROLE_LABELS[role] : ''}. ${role ? INTRO[role] : ''}`} />
      {stats.length ? (
        <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {stats.map((s) => (
            <Stat key={s.label} {...s} />
          ))}
        </div>
      ) : null}
      {admin ? <AdminDashboard data={admin} /> : null}
      {compliance ? (
        <div className={admin ? 'mt-6' : ''}>
          {admin ? <h2 className="mb-3">Compliance view</h2> : null}
          <ComplianceDashboard data={compliance} />
        </div>
      ) : null}
      {privacy ? (
        <section aria-labelledby="privacy-dashboard-title" data-testid="privacy-dashboard">
          <h2 id="privacy-dashboard-title" className="mb-3">
            Privacy
          </h2>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
            <Stat label="Open data-subject requests" value={privacy.open} />
            <Stat label="Past their deadline" value={privacy.overdue} tone={privacy.overdue ? 'bad' : 'good'} />
            <Stat label="Answered late this quarter" value={privacy.lateThisQuarter} tone={privacy.lateThisQuarter ? 'warn' : 'good'} />
            <Stat label="DPIAs due for review" value={privacy.reviewsDue} tone={privacy.reviewsDue ? 'warn' : 'good'} />
            <Stat label="Datasets past retention" value={privacy.pastRetention} tone={privacy.pastRetention ? 'bad' : 'good'} />
            <Stat label="Minimisation reviews overdue" value={privacy.minimisationOverdue} tone={privacy.minimisationOverdue ? 'bad' : 'good'} />
            <Stat label="Systems without a required DPIA" value={privacy.dpiaMissing} tone={privacy.dpiaMissing ? 'bad' : 'good'} />
          </div>
        </section>
      ) : null}
      {minimisation.length ? (
        <Card title="Your data-minimisation reviews" className="mt-6">
          <ul className="divide-y divide-slate-200 text-sm" data-testid="my-minimisation-reviews">
            {minimisation.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center gap-2 py-2">
                <Link href={`/privacy/minimisation/${m.id}`}>{m.quarter} review</Link>
                <span className="text-slate-600">· due <LocalTime iso={m.dueAt} dateOnly /></span>
                {m.overdue ? <Badge tone="bad">Overdue</Badge> : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {privacyTasks.length ? (
        <Card title="Your privacy tasks" className="mt-6">
          <ul className="divide-y divide-slate-200 text-sm" data-testid="my-privacy-tasks">
            {privacyTasks.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center gap-2 py-2">
                {t.requestId ? <Link href={`/privacy/requests/${t.requestId}`}>{t.title}</Link> : <span>{t.title}</span>}
                {t.dueAt ? <span className="text-slate-600">· request due <LocalTime iso={t.dueAt} dateOnly /></span> : null}
                {/* A deletion the retention job opened belongs to no request: its owner records it here. */}
                {!t.requestId && t.kind === 'DELETION' ? (
                  <RetentionDeletionForm task={t} className="mt-1 grid w-full gap-2 sm:grid-cols-2" />
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {alerts.length ? (
        <Card title="Monitoring alerts on your models" className="mt-6" actions={<Link href="/monitoring/alerts?status=UNRESOLVED">All alerts</Link>}>
          <ul className="divide-y divide-slate-200 text-sm" data-testid="my-monitoring-alerts">
            {alerts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2 py-2">
                <LevelBadge level={a.level} />
                <Link href={`/monitoring/${a.versionId}`}>{a.title}</Link>
                <AlertStatusBadge status={a.status} />
                <span className="text-slate-600">
                  · opened <LocalTime iso={a.openedAt} />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {literacy ? <LiteracyDashboard coverage={literacy.coverage} overdue={literacy.overdue} /> : null}
      {engineer ? <EngineerDashboard data={engineer} /> : null}
      {auditor ? <AuditorDashboard data={auditor} /> : null}
      <Card title="Your action items" className="mt-6">
        {actionItems.length === 0 ? (
          <p className="text-sm text-slate-700">No open action items from quarterly reviews.</p>
        ) : (
          <ul className="divide-y divide-slate-200" data-testid="my-action-items">
            {actionItems.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  {a.title}{' '}
                  <span className="text-slate-600">
                    · <Link href={`/reviews/${a.quarter}`}>{a.quarter} review</Link> · due <LocalTime iso={a.dueDate} dateOnly />
                  </span>{' '}
                  {a.overdue ? <Badge tone="bad">Overdue</Badge> : null}
                </span>
                {a.capabilities.update ? <ActionItemStatusButton id={a.id} status="OPEN" title={a.title} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
