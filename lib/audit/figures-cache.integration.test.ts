import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// Cached figures are served until a mutation in the organisation (any
// process) changes its data, and are kept apart per key and per organisation.
await setupTestDatabase('figures_cache');
const { db } = await import('@/lib/db');
const { recordEvent } = await import('./record');
const { cachedFigures, figuresVersion } = await import('./figures-cache');
const { systemActor } = await import('@/lib/auth/actor');

const orgA = systemActor('org-a', 'cache-test');
const orgB = systemActor('org-b', 'cache-test');

describe('figures cache', () => {
  it('recomputes only after a mutation in the same organisation', async () => {
    let computed = 0;
    const figures = () => cachedFigures('org-a', 'dash:alice', async () => ++computed);
    expect(await figures()).toBe(1);
    expect(await figures()).toBe(1);

    await db.$transaction((tx) => recordEvent(tx, orgA, { action: 'test.changed', entityType: 'test' }));
    expect(await figures()).toBe(2);
    expect(await figures()).toBe(2);

    // Another organisation's change leaves org A's figures as they were (once sealed).
    const before = await figuresVersion('org-a');
    await db.$transaction((tx) => recordEvent(tx, orgB, { action: 'test.changed', entityType: 'test' }));
    expect(await figuresVersion('org-a')).toBe(before);
    expect(await figures()).toBe(2);
  });

  it('sees a change committed by another connection, sealed or still pending', async () => {
    let computed = 0;
    const figures = () => cachedFigures('org-a', 'dash:bob', async () => ++computed);
    await figures();
    // As another process would write it: a pending event the sealer has not chained yet.
    await db.$executeRaw`INSERT INTO "AuditEventPending" ("at","orgId","actorLabel","action","entityType") VALUES (now(), 'org-a', 'other-process', 'test.changed', 'test')`;
    expect(await figures()).toBe(2);
  });

  it('keeps keys and organisations apart', async () => {
    const a = await cachedFigures('org-a', 'home:ENGINEER:u1', async () => 'engineer view');
    const b = await cachedFigures('org-a', 'home:ADMIN:u2', async () => 'admin view');
    const c = await cachedFigures('org-b', 'home:ENGINEER:u1', async () => 'other org');
    expect([a, b, c]).toEqual(['engineer view', 'admin view', 'other org']);
  });
});
