import 'server-only';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { userActor } from '@/lib/auth/actor';
import { authorizeMember, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { notFound } from '@/lib/errors';
import { getIncident, listIncidents } from '@/lib/incidents/queries';
import { quarterPeriod } from '@/lib/quarter';
import { renderCalendar, type IcsEvent } from './ics';
import { hashFeedToken } from './mutations';

const TOUCH_INTERVAL_MS = 5 * 60_000;
const DAY = 86_400_000;

function origin(): string {
  return env().NEXTAUTH_URL ?? 'http://localhost:3000';
}
const host = () => new URL(origin()).host;
const link = (path: string) => new URL(path, origin()).toString();
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The person's feed URLs (newest first; the token itself is never kept). */
export async function myCalendarFeeds(actor: Actor) {
  const me = authorizeMember(actor);
  const rows = me.userId
    ? await db.calendarFeed.findMany({ where: { userId: me.userId }, orderBy: { createdAt: 'desc' }, take: 10, select: { id: true, prefix: true, createdAt: true, revokedAt: true, lastUsedAt: true } })
    : [];
  return {
    feedBase: link('/api/calendar/'),
    feeds: rows.map((f) => ({ id: f.id, prefix: f.prefix, createdAt: f.createdAt.toISOString(), revokedAt: f.revokedAt?.toISOString() ?? null, lastUsedAt: f.lastUsedAt?.toISOString() ?? null })),
  };
}

/**
 * When the quarter's review meeting is held: a week before the quarter ends,
 * 14:00–15:00 UTC (a default slot; people move it in their own calendars).
 */
export function reviewMeetingSlot(quarter: string): { start: Date; end: Date } {
  const { end } = quarterPeriod(quarter);
  const start = new Date(end.getTime() - 7 * DAY + 14 * 3600_000);
  return { start, end: new Date(start.getTime() + 3600_000) };
}

function quartersAround(now: Date): string[] {
  const q = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  const current = q(now);
  return [current, q(new Date(quarterPeriod(current).end.getTime() + DAY))];
}

/**
 * The person's due dates as calendar events, read as that person (their
 * permissions and scope): findings they own, reviews of requirements they
 * own, expiries of evidence they own, certification expiries (for those who
 * manage audits), corrective actions and review action items they own,
 * regulatory notification deadlines of open incidents (for those who manage
 * incidents), and the quarterly review meetings (for those who run them or
 * attend).
 */
export async function personalCalendarEvents(actor: Actor, now: Date): Promise<IcsEvent[]> {
  const me = authorizeMember(actor);
  const userId = me.userId;
  if (!userId) return [];
  const h = host();
  const events: IcsEvent[] = [];
  const horizon = new Date(now.getTime() - 90 * DAY);

  if (can(me, 'audits:read')) {
    const [findings, evidence] = await Promise.all([
      db.finding.findMany({ where: { orgId: me.orgId, ownerId: userId, status: { in: ['OPEN', 'IN_REMEDIATION', 'READY_FOR_VERIFICATION'] }, dueDate: { not: null } }, select: { id: true, title: true, severity: true, dueDate: true }, take: 500 }),
      db.evidence.findMany({ where: { orgId: me.orgId, ownerId: userId, validUntil: { gte: horizon } }, select: { id: true, title: true, validUntil: true }, take: 500 }),
    ]);
    for (const f of findings) events.push({ uid: `finding-${f.id}@${h}`, summary: `Finding due: ${f.title}`, description: `Severity ${f.severity}.`, date: day(f.dueDate!), url: link(`/audits/findings/${f.id}`), categories: ['Finding'] });
    for (const e of evidence) events.push({ uid: `evidence-${e.id}@${h}`, summary: `Evidence expires: ${e.title}`, date: day(e.validUntil!), url: link('/audits/evidence'), categories: ['Evidence'] });
    if (can(me, 'audits:manage')) {
      const certs = await db.certification.findMany({ where: { orgId: me.orgId, expiresAt: { gte: horizon } }, select: { id: true, name: true, issuer: true, expiresAt: true }, take: 200 });
      for (const c of certs) events.push({ uid: `certification-${c.id}@${h}`, summary: `Certification expires: ${c.name}`, description: `Issued by ${c.issuer}.`, date: day(c.expiresAt), url: link('/audits/certifications'), categories: ['Certification'] });
    }
  }
  if (can(me, 'requirements:read')) {
    const reqs = await db.requirement.findMany({ where: { orgId: me.orgId, ownerId: userId, nextReviewDue: { not: null } }, select: { id: true, ref: true, title: true, nextReviewDue: true }, take: 2000 });
    for (const r of reqs) events.push({ uid: `requirement-review-${r.id}@${h}`, summary: `Requirement review due: ${r.ref} ${r.title}`, date: day(r.nextReviewDue!), url: link(`/requirements/items/${r.id}`), categories: ['Requirement review'] });
  }
  if (can(me, 'incidents:read')) {
    const actions = await db.incidentCorrectiveAction.findMany({ where: { orgId: me.orgId, ownerId: userId, status: 'OPEN' }, select: { id: true, title: true, dueDate: true, incidentId: true }, take: 500 });
    for (const a of actions) events.push({ uid: `corrective-action-${a.id}@${h}`, summary: `Corrective action due: ${a.title}`, date: day(a.dueDate), url: link(`/incidents/${a.incidentId}`), categories: ['Incident'] });
    if (can(me, 'incidents:manage')) {
      const open = await listIncidents(me, { pageSize: 50 });
      for (const inc of open.items.filter((i) => i.status !== 'CLOSED').slice(0, 25)) {
        const detail = await getIncident(me, inc.id);
        for (const o of detail.obligations) {
          if (o.applies !== true || o.notification || !o.dueAt) continue;
          const due = new Date(o.dueAt);
          events.push({ uid: `incident-deadline-${inc.id}-${o.ruleKey}@${h}`, summary: `Notification deadline: ${o.name} — ${inc.title}`, description: `${o.citation}. Notify before this time.`, start: new Date(due.getTime() - 30 * 60_000), end: due, url: link(`/incidents/${inc.id}`), categories: ['Incident deadline'] });
        }
      }
    }
  }
  if (can(me, 'reviews:read')) {
    const items = await db.actionItem.findMany({ where: { orgId: me.orgId, ownerId: userId, status: 'OPEN' }, select: { id: true, title: true, dueDate: true, review: { select: { quarter: true } } }, take: 500 });
    for (const a of items) events.push({ uid: `action-item-${a.id}@${h}`, summary: `Review action item due: ${a.title}`, date: day(a.dueDate), url: link(`/reviews/${a.review.quarter}`), categories: ['Quarterly review'] });
    const attending = new Set((await db.reviewAttendee.findMany({ where: { userId, review: { orgId: me.orgId } }, select: { review: { select: { quarter: true } } } })).map((a) => a.review.quarter));
    for (const quarter of quartersAround(now)) {
      if (!can(me, 'reviews:run') && !attending.has(quarter)) continue;
      const slot = reviewMeetingSlot(quarter);
      events.push({ uid: `review-meeting-${me.orgId}-${quarter}@${h}`, summary: `Quarterly review meeting ${quarter}`, start: slot.start, end: slot.end, url: link(`/reviews/${quarter}`), categories: ['Quarterly review'] });
    }
  }
  return events;
}

/** The feed behind a private URL, or null when the token is unknown or revoked, or its person deactivated. */
export async function calendarFeedForToken(token: string, meta: RequestMeta, now = new Date()): Promise<string | null> {
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, orgId: true, email: true, name: true, role: true, active: true } } },
  });
  if (!feed || feed.revokedAt || !feed.user.active) return null;
  if (!feed.lastUsedAt || now.getTime() - feed.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.calendarFeed.update({ where: { id: feed.id }, data: { lastUsedAt: now } });
  }
  const actor = userActor(feed.user, meta);
  return renderCalendar({ name: `Governance due dates — ${feed.user.name}`, now, events: await personalCalendarEvents(actor, now) });
}

/** The quarterly review meeting as an invitation (METHOD:REQUEST) to its attendees, from the person asking. */
export async function reviewInvitation(actor: Actor | null, quarter: string, now = new Date()) {
  const me = authorizeMember(actor);
  if (!can(me, 'reviews:read')) throw notFound('The review');
  const review = await db.quarterlyReview.findFirst({
    where: { orgId: me.orgId, quarter },
    select: { id: true, attendees: { select: { name: true, user: { select: { name: true, email: true } } } } },
  });
  const slot = reviewMeetingSlot(quarter);
  const attendees = (review?.attendees ?? []).flatMap((a) => (a.user ? [{ name: a.user.name, email: a.user.email }] : []));
  const organizer = { name: me.name, email: me.email ?? `no-reply@${host()}` };
  const ics = renderCalendar({
    name: `Quarterly review ${quarter}`,
    method: 'REQUEST',
    now,
    events: [
      {
        uid: `review-meeting-${me.orgId}-${quarter}@${host()}`,
        summary: `Quarterly review meeting ${quarter}`,
        description: `The quarterly AI governance review for ${quarter}: figures, decisions and action items.\n${link(`/reviews/${quarter}`)}`,
        start: slot.start,
        end: slot.end,
        url: link(`/reviews/${quarter}`),
        organizer,
        attendees: attendees.length ? attendees : [organizer],
        sequence: 0,
        categories: ['Quarterly review'],
      },
    ],
  });
  return { ics, fileName: `quarterly-review-${quarter}.ics` };
}
