import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

const tdb = await setupTestDatabase('notifications_notify');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { notify } = await import('./notify');

let actors: Record<Role, Actor>;
let orgId: string;
let other: { orgId: string; actors: Record<Role, Actor> };

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Notify Org'));
  other = await createOrgWithRoles('Other Org');
});
afterAll(async () => {
  await db.$disconnect();
  await tdb.drop();
});

const base = () => ({ orgId, kind: 'finding.due' as const, title: 'Finding F-1 is due in 7 days', link: '/audits/findings/f1', entity: { type: 'finding', id: 'f1' } });

describe('notify', () => {
  it('writes one inbox row per person in the caller transaction, once per dedupe key', async () => {
    const users = [actors.ENGINEER.userId!, actors.COMPLIANCE_OFFICER.userId!, actors.ENGINEER.userId!];
    const first = await db.$transaction((tx) => notify(tx, { ...base(), userIds: users, dedupeKey: 'finding:f1:due-7' }));
    const again = await db.$transaction((tx) => notify(tx, { ...base(), userIds: users, dedupeKey: 'finding:f1:due-7' }));
    expect(first).toBe(2);
    expect(again).toBe(0);
    const rows = await db.notification.findMany({ where: { dedupeKey: 'finding:f1:due-7' }, select: { userId: true, mailWanted: true, inInbox: true, mailId: true, entityId: true } });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.inInbox && r.mailWanted && r.mailId === null && r.entityId === 'f1')).toBe(true);
  });

  it('creates nothing when the transaction rolls back', async () => {
    await expect(
      db.$transaction(async (tx) => {
        await notify(tx, { ...base(), userIds: [actors.ENGINEER.userId!], dedupeKey: 'rolled-back' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.notification.count({ where: { dedupeKey: 'rolled-back' } })).toBe(0);
  });

  it('skips people of another organisation and inactive people', async () => {
    await db.user.update({ where: { id: actors.AUDITOR.userId! }, data: { active: false } });
    const n = await db.$transaction((tx) => notify(tx, { ...base(), userIds: [other.actors.ADMIN.userId!, actors.AUDITOR.userId!], dedupeKey: 'scoped' }));
    expect(n).toBe(0);
    await db.user.update({ where: { id: actors.AUDITOR.userId! }, data: { active: true } });
  });

  it('follows the person preferences, except for mandatory events', async () => {
    const userId = actors.ADMIN.userId!;
    await db.notificationPreference.create({ data: { userId, kind: 'finding.due', inbox: false, email: false } });
    await db.notificationPreference.create({ data: { userId, kind: 'incident.clock', inbox: false, email: true } });
    await db.notificationPreference.create({ data: { userId, kind: 'incident.clock_urgent', inbox: false, email: false } });
    expect(await db.$transaction((tx) => notify(tx, { ...base(), userIds: [userId], dedupeKey: 'muted' }))).toBe(0);
    expect(await db.$transaction((tx) => notify(tx, { ...base(), userIds: [userId], dedupeKey: 'forced', mandatory: true }))).toBe(1);
    await db.$transaction((tx) => notify(tx, { ...base(), kind: 'incident.clock', userIds: [userId], dedupeKey: 'mail-only' }));
    await db.$transaction((tx) => notify(tx, { ...base(), kind: 'incident.clock_urgent', userIds: [userId], dedupeKey: 'urgent' }));
    const rows = await db.notification.findMany({ where: { userId, dedupeKey: { in: ['forced', 'mail-only', 'urgent'] } }, select: { dedupeKey: true, inInbox: true, mailWanted: true, mandatory: true } });
    const byKey = Object.fromEntries(rows.map((r) => [r.dedupeKey, r]));
    expect(byKey.forced).toMatchObject({ inInbox: true, mailWanted: true, mandatory: true });
    expect(byKey['mail-only']).toMatchObject({ inInbox: false, mailWanted: true, mandatory: false });
    expect(byKey.urgent).toMatchObject({ inInbox: true, mailWanted: true, mandatory: true });
  });

  it('refuses a link that leaves the portal', async () => {
    await expect(db.$transaction((tx) => notify(tx, { ...base(), link: 'https://evil.example/x', userIds: [actors.ENGINEER.userId!] }))).rejects.toThrow(/link/);
    await expect(db.$transaction((tx) => notify(tx, { ...base(), link: '//evil.example/x', userIds: [actors.ENGINEER.userId!] }))).rejects.toThrow(/link/);
  });
});
