import 'server-only';
import { db } from '@/lib/db';
import { quarterOf, quarterPeriod } from '@/lib/quarter';
import type { NotifyInput } from '../notify';
import type { RuleKey, RuleSetting } from '../rules';
import { DAY_MS, horizon, isoDay, reminderStage, dueTitle, type StageOptions } from './stage';

// One function per reminder rule: it reads the records that can be at a
// reminder stage now (a window on the indexed due date) and says whom to tell.
// Nothing here writes; run.ts writes the inbox rows and the audit event.

export type People = { complianceOfficers: string[]; admins: string[] };

export async function peopleOf(orgId: string): Promise<People> {
  const users = await db.user.findMany({ where: { orgId, active: true, role: { in: ['COMPLIANCE_OFFICER', 'ADMIN'] } }, select: { id: true, role: true } });
  return {
    complianceOfficers: users.filter((u) => u.role === 'COMPLIANCE_OFFICER').map((u) => u.id),
    admins: users.filter((u) => u.role === 'ADMIN').map((u) => u.id),
  };
}

type SourceArgs = { orgId: string; now: Date; setting: RuleSetting; people: People };
type Source = (args: SourceArgs) => Promise<NotifyInput[]>;

const orFallback = (ids: (string | null | undefined)[], fallback: string[]) => {
  const own = ids.filter((id): id is string => Boolean(id));
  return own.length ? own : fallback;
};

/** Records due in the window of "before" reminders, and those already past due when the rule reminds after it. */
function dueWindow(now: Date, options: StageOptions) {
  const until = horizon(now, options.leadDays);
  if (options.overdue !== 'none') return { lte: until };
  return { lte: until, gte: new Date(now.getTime() - (options.atDueWindowDays ?? 1) * DAY_MS) };
}

const requirementReviews: Source = async ({ orgId, now, setting, people }) => {
  const options: StageOptions = { leadDays: setting.leadDays, atDue: true, overdue: 'weekly' };
  const rows = await db.requirement.findMany({
    where: { orgId, nextReviewDue: dueWindow(now, options) },
    select: { id: true, ref: true, title: true, ownerId: true, nextReviewDue: true },
  });
  return rows.flatMap((r) => {
    const stage = reminderStage(r.nextReviewDue!, now, options);
    if (!stage) return [];
    return [{
      orgId,
      userIds: orFallback([r.ownerId], people.complianceOfficers),
      kind: 'requirement.review_due' as const,
      title: dueTitle(`The review of ${r.ref}`, stage, r.nextReviewDue!),
      body: `${r.ref} ${r.title}: the requirement's periodic review ${stage.kind === 'overdue' ? `has been overdue since ${isoDay(r.nextReviewDue!)}` : `is due on ${isoDay(r.nextReviewDue!)}`}.`,
      link: `/requirements/items/${r.id}`,
      entity: { type: 'requirement', id: r.id },
      dedupeKey: `requirement-review:${r.id}:${isoDay(r.nextReviewDue!)}:${stage.key}`,
    }];
  });
};

const findings: Source = async ({ orgId, now, setting, people }) => {
  const options: StageOptions = { leadDays: setting.leadDays, atDue: true, overdue: 'once' };
  const rows = await db.finding.findMany({
    where: { orgId, status: { in: ['OPEN', 'IN_REMEDIATION'] }, dueDate: dueWindow(now, options) },
    select: { id: true, title: true, severity: true, ownerId: true, dueDate: true },
  });
  return rows.flatMap((f) => {
    const stage = reminderStage(f.dueDate!, now, options);
    if (!stage) return [];
    return [{
      orgId,
      userIds: orFallback([f.ownerId], people.complianceOfficers),
      kind: 'finding.due' as const,
      title: dueTitle(`Finding "${f.title}"`, stage, f.dueDate!),
      body: `A ${f.severity.toLowerCase()} finding ${stage.kind === 'overdue' ? 'passed its due date' : 'is coming up to its due date'} without being remediated.`,
      link: `/audits/findings/${f.id}`,
      entity: { type: 'finding', id: f.id },
      dedupeKey: `finding-due:${f.id}:${isoDay(f.dueDate!)}:${stage.key}`,
    }];
  });
};

const EXPIRY: StageOptions = { leadDays: [], atDue: true, overdue: 'none', atDueWindowDays: 7 };

const evidenceExpiry: Source = async ({ orgId, now, setting, people }) => {
  const options = { ...EXPIRY, leadDays: setting.leadDays };
  const rows = await db.evidence.findMany({
    where: { orgId, withdrawnAt: null, validUntil: dueWindow(now, options) },
    select: { id: true, title: true, ownerId: true, validUntil: true },
  });
  return rows.flatMap((e) => {
    const stage = reminderStage(e.validUntil!, now, options);
    if (!stage) return [];
    return [{
      orgId,
      userIds: orFallback([e.ownerId], people.complianceOfficers),
      kind: 'evidence.expiring' as const,
      title: dueTitle(`Evidence "${e.title}"`, stage, e.validUntil!, true),
      body: 'Collect a newer version before it goes stale, or withdraw it.',
      link: `/audits/evidence?q=${encodeURIComponent(e.title.slice(0, 120))}`,
      entity: { type: 'evidence', id: e.id },
      dedupeKey: `evidence-expiry:${e.id}:${isoDay(e.validUntil!)}:${stage.key}`,
    }];
  });
};

const certificationExpiry: Source = async ({ orgId, now, setting, people }) => {
  const options = { ...EXPIRY, leadDays: setting.leadDays };
  const rows = await db.certification.findMany({ where: { orgId, expiresAt: dueWindow(now, options) }, select: { id: true, name: true, expiresAt: true } });
  return rows.flatMap((c) => {
    const stage = reminderStage(c.expiresAt, now, options);
    if (!stage) return [];
    return [{
      orgId,
      userIds: orFallback(people.complianceOfficers, people.admins),
      kind: 'certification.expiring' as const,
      title: dueTitle(`Certification "${c.name}"`, stage, c.expiresAt, true),
      body: 'Plan the recertification audit in time.',
      link: '/audits/certifications',
      entity: { type: 'certification', id: c.id },
      dedupeKey: `certification-expiry:${c.id}:${isoDay(c.expiresAt)}:${stage.key}`,
    }];
  });
};

const quarterlyReview: Source = async ({ orgId, now, setting, people }) => {
  const quarter = quarterOf(now);
  const { end } = quarterPeriod(quarter);
  const stage = reminderStage(end, now, { leadDays: setting.leadDays, atDue: false, overdue: 'none' });
  if (!stage) return [];
  const review = await db.quarterlyReview.findUnique({ where: { orgId_quarter: { orgId, quarter } }, select: { status: true } });
  if (review?.status === 'CLOSED') return [];
  return [{
    orgId,
    userIds: [...people.complianceOfficers, ...people.admins],
    kind: 'review.quarter_ending' as const,
    title: `Quarter ${quarter} ends in ${stage.days} day${stage.days === 1 ? '' : 's'}: hold its review meeting`,
    body: `The quarter ends on ${isoDay(new Date(end.getTime() - DAY_MS))}. ${review ? 'Its review is open.' : 'Its review has not been started yet.'}`,
    link: `/reviews/${quarter}`,
    entity: { type: 'quarterly_review', id: quarter },
    dedupeKey: `quarterly-review:${quarter}:${stage.key}`,
  }];
};

const actionItems: Source = async ({ orgId, now, setting }) => {
  const options: StageOptions = { leadDays: setting.leadDays, atDue: true, overdue: 'once' };
  const rows = await db.actionItem.findMany({
    where: { orgId, status: 'OPEN', dueDate: dueWindow(now, options) },
    select: { id: true, title: true, ownerId: true, dueDate: true, review: { select: { quarter: true } } },
  });
  return rows.flatMap((a) => {
    const stage = reminderStage(a.dueDate, now, options);
    if (!stage) return [];
    return [{
      orgId,
      userIds: [a.ownerId],
      kind: 'action_item.due' as const,
      title: dueTitle(`Action item "${a.title}"`, stage, a.dueDate),
      body: `From the ${a.review.quarter} quarterly review.`,
      link: `/reviews/${a.review.quarter}`,
      entity: { type: 'action_item', id: a.id },
      dedupeKey: `action-item:${a.id}:${isoDay(a.dueDate)}:${stage.key}`,
    }];
  });
};

const evidenceRequests: Source = async ({ orgId, now, setting, people }) => {
  const options: StageOptions = { leadDays: setting.leadDays, atDue: true, overdue: 'once' };
  const rows = await db.evidenceRequest.findMany({
    where: { orgId, status: { in: ['OPEN', 'REJECTED'] }, dueDate: dueWindow(now, options) },
    select: { id: true, title: true, assigneeId: true, dueDate: true },
  });
  return rows.flatMap((r) => {
    const stage = reminderStage(r.dueDate, now, options);
    if (!stage) return [];
    return [{
      orgId,
      userIds: orFallback([r.assigneeId], people.complianceOfficers),
      kind: 'evidence_request.due' as const,
      title: dueTitle(`Evidence request "${r.title}"`, stage, r.dueDate),
      body: 'An auditor is waiting for this evidence.',
      link: '/audits/requests?mine=true',
      entity: { type: 'evidence_request', id: r.id },
      dedupeKey: `evidence-request:${r.id}:${isoDay(r.dueDate)}:${stage.key}`,
    }];
  });
};

const signOffs: Source = async ({ orgId, now, setting, people }) => {
  const waitDays = Math.min(...setting.leadDays);
  if (!Number.isFinite(waitDays)) return [];
  const rows = await db.modelVersion.findMany({
    where: { orgId, stage: 'PENDING_APPROVAL', updatedAt: { lte: new Date(now.getTime() - waitDays * DAY_MS) } },
    select: { id: true, label: true, updatedAt: true, model: { select: { key: true, name: true, businessOwnerId: true } }, signOffs: { select: { role: true } } },
  });
  return rows.flatMap((v) => {
    const signed = new Set(v.signOffs.map((s) => s.role));
    const waited = Math.floor((now.getTime() - v.updatedAt.getTime()) / DAY_MS);
    const missing = [
      ...(signed.has('BUSINESS_OWNER') ? [] : [{ role: 'BUSINESS_OWNER', who: orFallback([v.model.businessOwnerId], people.complianceOfficers), label: 'business owner' }]),
      ...(signed.has('COMPLIANCE') ? [] : [{ role: 'COMPLIANCE', who: people.complianceOfficers, label: 'compliance' }]),
    ];
    return missing.map((m) => ({
      orgId,
      userIds: m.who,
      kind: 'signoff.waiting' as const,
      title: `${v.model.name} ${v.label} has waited ${waited} days for the ${m.label} sign-off`,
      body: 'The version is pending approval; it cannot be promoted until both sign-offs are given.',
      link: `/models/${encodeURIComponent(v.model.key)}/versions/${encodeURIComponent(v.label)}`,
      entity: { type: 'model_version', id: v.id },
      dedupeKey: `signoff:${v.id}:${m.role}:${v.updatedAt.toISOString()}:after-${waitDays}`,
    }));
  });
};

/** The rules whose reminders the daily job computes (the incident clocks are
 *  notified by the threshold job in lib/incidents, which already records them). */
export const REMINDER_SOURCES: Partial<Record<RuleKey, Source>> = {
  'requirement-reviews': requirementReviews,
  findings,
  'evidence-expiry': evidenceExpiry,
  'certification-expiry': certificationExpiry,
  'quarterly-review': quarterlyReview,
  'action-items': actionItems,
  'evidence-requests': evidenceRequests,
  'sign-offs': signOffs,
};
