import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('sign_in');
const { db } = await import('@/lib/db');
const { hashPassword } = await import('./password');
const { signInWithPassword } = await import('./sign-in');
const { THROTTLE } = await import('./throttle');
const { authOptions } = await import('./options');

const PASSWORD = 'a-perfectly-fine-passphrase';

beforeAll(async () => {
  const org = await db.organization.create({ data: { name: 'Throttle Org', slug: 'throttle' } });
  const passwordHash = await hashPassword(PASSWORD);
  await db.user.createMany({
    data: [
      { orgId: org.id, email: 'victim@test.example', name: 'Victim', role: 'ENGINEER', passwordHash },
      { orgId: org.id, email: 'gone@test.example', name: 'Gone', role: 'ENGINEER', passwordHash, active: false },
    ],
  });
});

async function backdateThrottle(key: string) {
  // Skip the enforced wait between attempts without weakening the policy.
  await db.loginThrottle.updateMany({ where: { key }, data: { nextAllowedAt: null } });
}

describe('single sign-on (OIDC)', () => {
  it('admits only existing, active portal users, matched by email, and never creates one', async () => {
    const signIn = authOptions().callbacks!.signIn!;
    const attempt = (email: string, verified = true) =>
      signIn({ user: { id: 'sub-1', email }, account: { provider: 'oidc', type: 'oauth', providerAccountId: 'sub-1' }, profile: { email, email_verified: verified } } as never);
    const usersBefore = await db.user.count();
    expect(await attempt('Victim@Test.Example')).toBe(true);
    expect(await attempt('stranger@test.example')).toBe('/sign-in?error=NoPortalAccount');
    expect(await attempt('gone@test.example')).toBe('/sign-in?error=NoPortalAccount');
    expect(await attempt('victim@test.example', false)).toBe('/sign-in?error=EmailNotVerified');
    expect(await db.user.count()).toBe(usersBefore);
  });
});

describe('password sign-in', () => {
  it('signs in with the right password and records the event', async () => {
    const user = await signInWithPassword(' Victim@Test.Example ', PASSWORD, { id: 'r1', ip: '10.0.0.1' });
    expect(user.email).toBe('victim@test.example');
    expect(await db.auditEvent.count({ where: { action: 'auth.signed_in', entityId: user.id } })).toBe(1);
  });

  it('gives the same message for an unknown email and a wrong password', async () => {
    await expect(signInWithPassword('nobody@test.example', 'whatever-password', { id: 'r', ip: '10.0.0.2' })).rejects.toThrow('Email or password is incorrect.');
    await expect(signInWithPassword('victim@test.example', 'wrong-password-here', { id: 'r', ip: '10.0.0.3' })).rejects.toThrow('Email or password is incorrect.');
    await db.loginThrottle.deleteMany({});
  });

  it('refuses a deactivated account even with the right password', async () => {
    await expect(signInWithPassword('gone@test.example', PASSWORD, { id: 'r', ip: '10.0.0.4' })).rejects.toThrow(/deactivated/);
  });

  it('slows down, then blocks an account after repeated failures, with a message that says so', async () => {
    const key = 'acct:victim@test.example';
    const messages: string[] = [];
    for (let i = 1; i <= THROTTLE.blockAfter.account; i++) {
      await backdateThrottle(key);
      try {
        await signInWithPassword('victim@test.example', `wrong-${i}-password`, { id: 'r', ip: `10.1.0.${i}` });
      } catch (e) {
        messages.push((e as Error).message);
      }
    }
    expect(messages[0]).toBe('Email or password is incorrect.');
    expect(messages[THROTTLE.slowAfter - 1]).toMatch(/Wait \d+ seconds? before trying again/);
    expect(messages.at(-1)).toMatch(/blocked for 15 more minutes/);
    // Even the right password is refused while blocked, without being checked.
    await expect(signInWithPassword('victim@test.example', PASSWORD, { id: 'r', ip: '10.9.9.9' })).rejects.toThrow(/blocked/);
    const failures = await db.auditEvent.count({ where: { action: 'auth.sign_in_failed' } });
    expect(failures).toBeGreaterThanOrEqual(THROTTLE.blockAfter.account);
  });

  it('makes a caller wait between attempts once failures pile up', async () => {
    await db.loginThrottle.deleteMany({});
    for (let i = 0; i < THROTTLE.slowAfter; i++) {
      await backdateThrottle('acct:victim@test.example');
      await signInWithPassword('victim@test.example', 'bad-password-x', { id: 'r', ip: '10.2.0.1' }).catch(() => undefined);
    }
    await expect(signInWithPassword('victim@test.example', PASSWORD, { id: 'r', ip: '10.2.0.1' })).rejects.toThrow(/Wait \d+ second/);
  });
});

describe('the throttle under parallel guessing', () => {
  it('checks no more guesses than the limit when 60 arrive at once on one account', async () => {
    await db.loginThrottle.deleteMany({});
    const org = await db.organization.findFirstOrThrow({ where: { slug: 'throttle' } });
    await db.user.create({ data: { orgId: org.id, email: 'raced@test.example', name: 'Raced', role: 'ENGINEER', passwordHash: await hashPassword(PASSWORD) } });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => signInWithPassword('raced@test.example', `guess-${i}-wrong`, { id: `race-${i}`, ip: `10.60.${Math.floor(i / 50)}.${i % 50}` })),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // Every checked guess writes a failed sign-in event; refused ones never reach the password check.
    const checked = await db.auditEvent.count({ where: { action: 'auth.sign_in_failed', changes: { contains: 'raced@test.example' } } });
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(THROTTLE.blockAfter.account);
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: 'acct:raced@test.example' } });
    expect(row.failures).toBe(checked);
    const refused = results.filter((r) => r.status === 'rejected' && /Wait|blocked/.test(String((r.reason as Error).message))).length;
    expect(refused).toBeGreaterThanOrEqual(60 - checked - 1);
  });

  it('a right password after failures clears the account and takes back its IP count', async () => {
    await db.loginThrottle.deleteMany({});
    await signInWithPassword('victim@test.example', 'not-the-password-1', { id: 'r', ip: '10.70.0.1' }).catch(() => undefined);
    await signInWithPassword('victim@test.example', PASSWORD, { id: 'r', ip: '10.70.0.1' });
    expect(await db.loginThrottle.findUnique({ where: { key: 'acct:victim@test.example' } })).toBeNull();
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: 'ip:10.70.0.1' } })).failures).toBe(1);
  });
});
