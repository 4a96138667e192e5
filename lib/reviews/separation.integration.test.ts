import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// Closing a quarterly review freezes it under a person's name. There is no
// independence rule to walk around here (the compliance officer who ran the
// meeting closes it), but the token path must not leave it nameless: a token
// closes, and records decisions, as its creator.
await setupTestDatabase('review-separation');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { createToken } = await import('@/lib/tokens/mutations');
const { actorForToken } = await import('@/lib/auth/token');
const m = await import('./mutations');

let actors: Record<Role, Actor>;

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles());
});

describe('closing a quarterly review through an API token', () => {
  it('records the token\'s creator as the person who decided and closed it, in the row and the frozen snapshot', async () => {
    const token = await createToken(actors.ADMIN, { name: 'review-bot', scopes: ['reviews:run', 'reviews:read', 'reviews:read-open'], expiresInDays: 5 });
    const bot = (await actorForToken(token.secret, { id: 'req-bot', ip: '127.0.0.1' }))!;
    const { id } = await m.startReview(bot, { quarter: '2026-Q3' });
    await m.addAttendee(bot, { reviewId: id, userId: actors.COMPLIANCE_OFFICER.userId! });
    await m.addDecision(bot, { reviewId: id, text: 'Keep the cadence.' });
    await m.closeReview(bot, id);
    const row = await db.quarterlyReview.findUniqueOrThrow({ where: { id }, select: { closedById: true, snapshot: true, decisions: { select: { createdById: true } } } });
    expect(row.closedById).toBe(actors.ADMIN.userId);
    expect(row.decisions).toEqual([{ createdById: actors.ADMIN.userId }]);
    expect(JSON.parse(row.snapshot!)).toMatchObject({ closedBy: actors.ADMIN.name, decisions: [{ text: 'Keep the cadence.', by: actors.ADMIN.name }] });
  });
});
