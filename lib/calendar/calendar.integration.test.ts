import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// The personal ICS feed: created and revoked by its person only, served for a
// valid token with that person's due dates, read back by ical.js; and the
// quarterly review meeting as an invitation.

const tdb = await setupTestDatabase('calendar');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const feeds = await import('./mutations');
const queries = await import('./queries');
const findings = await import('@/lib/audits/findings/mutations');

let actors: Record<Role, Actor>;
let orgId: string;
const meta = { id: 'test', ip: '127.0.0.1' };
const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Calendar Org'));
});
afterAll(() => tdb.drop());

describe('the personal calendar feed', () => {
  it('serves the person’s due dates behind a token that only its hash is stored for', async () => {
    const engineer = actors.ENGINEER.userId!;
    const f = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Bias test, missing', description: 'x', severity: 'HIGH', ownerId: engineer });
    await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Not mine', description: 'x', severity: 'LOW', ownerId: actors.COMPLIANCE_OFFICER.userId! });
    const fw = await db.framework.create({ data: { orgId, key: 'cal', name: 'Cal', kind: 'REGULATION', jurisdiction: 'EU', version: '1' }, select: { id: true } });
    const req = await db.requirement.create({ data: { orgId, frameworkId: fw.id, ref: 'Art. 9', title: 'Risk management; system', summary: 's', area: 'GOVERNANCE', ownerId: engineer, nextReviewDue: new Date('2027-01-15T00:00:00Z') }, select: { id: true } });
    const ev = await db.evidence.create({ data: { orgId, title: 'Pen test, 2026', kind: 'LINK', url: 'https://example.com/pt', ownerId: engineer, validUntil: new Date('2027-02-01T00:00:00Z') }, select: { id: true } });

    const created = await feeds.createCalendarFeed(actors.ENGINEER);
    expect(created.token).toMatch(/^agc_[A-Za-z0-9_-]{43}$/);
    const stored = await db.calendarFeed.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).toBe(feeds.hashFeedToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);

    const ics = (await queries.calendarFeedForToken(created.token, meta))!;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const byUid = Object.fromEntries(events(ics).map((e) => [e.uid.split('@')[0], e]));
    expect(byUid[`finding-${f.id}`].summary).toBe('Finding due: Bias test, missing');
    expect(byUid[`finding-${f.id}`].startDate.isDate).toBe(true);
    expect(byUid[`requirement-review-${req.id}`].summary).toBe('Requirement review due: Art. 9 Risk management; system');
    expect(byUid[`requirement-review-${req.id}`].startDate.toString()).toBe('2027-01-15');
    expect(byUid[`evidence-${ev.id}`].summary).toBe('Evidence expires: Pen test, 2026');
    expect(ics).not.toContain('Not mine');
    // An engineer neither runs reviews nor attends one here: no meeting in their feed.
    expect(Object.keys(byUid).some((k) => k.startsWith('review-meeting-'))).toBe(false);

    const compliance = await feeds.createCalendarFeed(actors.COMPLIANCE_OFFICER);
    const theirs = events((await queries.calendarFeedForToken(compliance.token, meta))!);
    expect(theirs.filter((e) => e.uid.startsWith('review-meeting-'))).toHaveLength(2);
    expect(theirs.some((e) => e.summary === 'Finding due: Not mine')).toBe(true);
  });

  it('is revoked by its person only; a new URL revokes the old; unknown and revoked tokens get nothing', async () => {
    const first = await feeds.createCalendarFeed(actors.AUDITOR);
    await expect(feeds.revokeCalendarFeed(actors.ENGINEER, { id: first.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(feeds.revokeCalendarFeed(actors.ADMIN, { id: first.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const token: Actor = { ...actors.AUDITOR, kind: 'token', tokenId: 't' };
    await expect(feeds.createCalendarFeed(token)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(feeds.createCalendarFeed(null as unknown as Actor)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await queries.calendarFeedForToken(first.token, meta)).not.toBeNull();

    const second = await feeds.createCalendarFeed(actors.AUDITOR);
    expect(await queries.calendarFeedForToken(first.token, meta)).toBeNull();
    expect(await queries.calendarFeedForToken(second.token, meta)).not.toBeNull();
    await feeds.revokeCalendarFeed(actors.AUDITOR, { id: second.id });
    expect(await queries.calendarFeedForToken(second.token, meta)).toBeNull();
    await expect(feeds.revokeCalendarFeed(actors.AUDITOR, { id: second.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await queries.calendarFeedForToken(`agc_${'A'.repeat(43)}`, meta)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: { in: ['calendar_feed.created', 'calendar_feed.revoked'] }, actorId: actors.AUDITOR.userId } })).toBe(3);
    const mine = await queries.myCalendarFeeds(actors.AUDITOR);
    expect(mine.feeds.map((f) => Boolean(f.revokedAt))).toEqual([true, true]);
    expect(JSON.stringify(mine)).not.toContain(second.token);
  });

  it('stops when its person is deactivated', async () => {
    const feed = await feeds.createCalendarFeed(actors.ADMIN);
    await db.user.update({ where: { id: actors.ADMIN.userId! }, data: { active: false } });
    expect(await queries.calendarFeedForToken(feed.token, meta)).toBeNull();
    await db.user.update({ where: { id: actors.ADMIN.userId! }, data: { active: true } });
  });
});

describe('the review meeting invitation', () => {
  it('is a METHOD:REQUEST event to the recorded attendees, a week before the quarter ends', async () => {
    await db.quarterlyReview.create({
      data: { orgId, quarter: '2026-Q4', periodStart: new Date('2026-10-01T00:00:00Z'), periodEnd: new Date('2027-01-01T00:00:00Z'), attendees: { create: [{ name: 'Engineer', userId: actors.ENGINEER.userId }, { name: 'Guest without account' }] } },
    });
    const { ics, fileName } = await queries.reviewInvitation(actors.COMPLIANCE_OFFICER, '2026-Q4');
    expect(fileName).toBe('quarterly-review-2026-Q4.ics');
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const [meeting] = events(ics);
    expect(meeting.startDate.toJSDate().toISOString()).toBe('2026-12-25T14:00:00.000Z');
    expect(meeting.organizer).toBe(`mailto:${actors.COMPLIANCE_OFFICER.email}`);
    expect(meeting.attendees.map((a) => a.getFirstValue())).toEqual([`mailto:${actors.ENGINEER.email}`]);
    await expect(queries.reviewInvitation(null, '2026-Q4')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
