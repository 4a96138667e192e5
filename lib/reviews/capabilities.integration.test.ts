import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('review_caps');
const { db } = await import('@/lib/db');
const { allowedBy, createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');

type State = 'PLANNED' | 'IN_PROGRESS' | 'CLOSED';
let actors: Record<Role, Actor>;
let year = 2000;

/** A fresh quarter's review in a state (each in its own past quarter), with one attendee so it may close. */
async function reviewIn(state: State) {
  year += 1;
  const quarter = `${year}-Q2`;
  const { id } = await m.startReview(actors.COMPLIANCE_OFFICER, { quarter });
  await m.addAttendee(actors.COMPLIANCE_OFFICER, { reviewId: id, userId: actors.ENGINEER.userId! });
  if (state === 'PLANNED') await db.quarterlyReview.update({ where: { id }, data: { status: 'PLANNED' } });
  if (state === 'CLOSED') await m.closeReview(actors.COMPLIANCE_OFFICER, id);
  return { id, quarter };
}

/** What the review page offers; a role that may not see the review is offered nothing. */
async function offered(actor: Actor, quarter: string) {
  return q.getReview(actor, quarter).then(
    (r) => r.capabilities,
    (e: { code?: string }) => {
      if (e.code !== 'NOT_FOUND' && e.code !== 'FORBIDDEN') throw e;
      return null;
    },
  );
}

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles('Review Caps Org'));
});

describe('quarterly review capabilities agree with the mutations, for every role', () => {
  for (const state of ['PLANNED', 'IN_PROGRESS', 'CLOSED'] as State[]) {
    it(`a review ${state.toLowerCase().replace('_', ' ')}: edit the record (minutes), close it`, async () => {
      const out: string[] = [];
      for (const role of ROLES) {
        for (const [action, attempt] of [
          ['edit', (a: Actor, id: string) => m.saveMinutes(a, { reviewId: id, minutes: `Minutes by ${a.name}` })],
          ['close', (a: Actor, id: string) => m.closeReview(a, id)],
        ] as const) {
          const { id, quarter } = await reviewIn(state);
          const caps = await offered(actors[role], quarter);
          const expected = caps?.[action] ?? false;
          const allowed = await allowedBy(attempt(actors[role], id));
          if (allowed !== expected) out.push(`${role} ${action}: capability ${expected}, mutation ${allowed ? 'allowed' : 'refused'}`);
        }
      }
      expect(out).toEqual([]);
    }, 120_000);
  }

  for (const owner of ['ENGINEER', 'AUDITOR'] as Role[]) {
    it(`an action item owned by the ${owner.toLowerCase()}: mark it done, on the review page and on the owner's home`, async () => {
      const out: string[] = [];
      for (const role of ROLES) {
        const { id, quarter } = await reviewIn('IN_PROGRESS');
        const item = await m.addActionItem(actors.COMPLIANCE_OFFICER, { reviewId: id, title: 'Refresh the model card', ownerId: actors[owner].userId!, dueDate: '2099-01-31' });
        // A role that may not read an open review sees the item only on its own home page.
        const fromReview = await q.getReview(actors[role], quarter).then(
          (r) => r.review!.actionItems.find((a) => a.id === item.id)!.capabilities.update,
          (e: { code?: string }) => {
            if (e.code !== 'NOT_FOUND') throw e;
            return undefined;
          },
        );
        const fromHome = (await q.myActionItems(actors[role]).catch(() => [])).find((a) => a.id === item.id)?.capabilities.update;
        const allowed = await allowedBy(m.setActionItemStatus(actors[role], { id: item.id, status: 'DONE' }));
        if (fromReview !== undefined && allowed !== fromReview) out.push(`${role} update (review page): capability ${fromReview}, mutation ${allowed ? 'allowed' : 'refused'}`);
        if (fromHome !== undefined && fromHome !== allowed) out.push(`${role} update (home): capability ${fromHome}, mutation ${allowed ? 'allowed' : 'refused'}`);
        if (fromReview === undefined && fromHome === undefined && allowed) out.push(`${role} update: offered nowhere, mutation allowed`);
      }
      expect(out).toEqual([]);
    }, 120_000);
  }
});
