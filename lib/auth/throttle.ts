import 'server-only';
import { db } from '@/lib/db';

// Counters live in PostgreSQL so every instance behind a load balancer sees
// the same failures. Per account: from the 3rd failure each attempt must wait
// (1 s, 2 s, 4 s ... up to 30 s); the 10th blocks the account for 15 minutes.
// Per IP the same from the 10th failure, blocked at the 50th: many people can
// share an address (an office, a VPN), so it slows down later.
export const THROTTLE = {
  windowMinutes: 15,
  slowAfter: 3,
  slowAfterIp: 10,
  maxDelaySeconds: 30,
  blockMinutes: 15,
  blockAfter: { account: 10, ip: 50 },
} as const;

export type ThrottleState = { blockedForSeconds: number; waitSeconds: number };

type Key = { key: string; limit: number; slowAfter: number };

function keys(email: string, ip: string | null): Key[] {
  const list: Key[] = [{ key: `acct:${email.trim().toLowerCase()}`, limit: THROTTLE.blockAfter.account, slowAfter: THROTTLE.slowAfter }];
  if (ip) list.push({ key: `ip:${ip}`, limit: THROTTLE.blockAfter.ip, slowAfter: THROTTLE.slowAfterIp });
  return list;
}

type Row = { key: string; blockedUntil: Date | null; nextAllowedAt: Date | null; now: Date };

function stateOf(rows: Row[]): ThrottleState {
  let blocked = 0;
  let wait = 0;
  for (const row of rows) {
    const now = row.now.getTime();
    if (row.blockedUntil && row.blockedUntil.getTime() > now) blocked = Math.max(blocked, Math.ceil((row.blockedUntil.getTime() - now) / 1000));
    if (row.nextAllowedAt && row.nextAllowedAt.getTime() > now) wait = Math.max(wait, Math.ceil((row.nextAllowedAt.getTime() - now) / 1000));
  }
  return { blockedForSeconds: blocked, waitSeconds: wait };
}

/** How long the caller must wait before an attempt is even checked. */
export async function throttleState(email: string, ip: string | null): Promise<ThrottleState> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT "key", "blockedUntil", "nextAllowedAt", now() AS "now" FROM "LoginThrottle"
    WHERE "key" = ANY(${keys(email, ip).map((k) => k.key)}::text[])`;
  return stateOf(rows);
}

/**
 * Check and count in one step: under a row lock on every key of the attempt
 * (account and IP, locked in key order), either refuses it (blocked or
 * waiting) or admits it and counts it as a failure right away, so parallel
 * guesses queue on the lock and each sees the ones before it: no more than
 * the limit are ever checked. The wait between attempts is set once the
 * attempt has failed (`recordFailure`), so an attempt still being checked
 * never makes a parallel one wait; a successful one takes its count back
 * with `recordSuccess`.
 */
export async function claimAttempt(email: string, ip: string | null): Promise<ThrottleState> {
  const list = keys(email, ip).sort((a, b) => a.key.localeCompare(b.key));
  return db.$transaction(async (tx) => {
    for (const { key } of list) {
      await tx.$executeRaw`INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "updatedAt") VALUES (${key}, 0, now(), now()) ON CONFLICT ("key") DO NOTHING`;
    }
    const rows = await tx.$queryRaw<Row[]>`
      SELECT "key", "blockedUntil", "nextAllowedAt", now() AS "now" FROM "LoginThrottle"
      WHERE "key" = ANY(${list.map((k) => k.key)}::text[]) ORDER BY "key" FOR UPDATE`;
    const state = stateOf(rows);
    if (state.blockedForSeconds > 0 || state.waitSeconds > 0) return state;
    for (const { key, limit } of list) {
      // The increment, the window reset and a resulting block in one statement.
      await tx.$executeRaw`
        UPDATE "LoginThrottle" AS t SET
          "failures" = c.f,
          "windowStart" = CASE WHEN c.expired THEN now() ELSE t."windowStart" END,
          "blockedUntil" = CASE WHEN c.f >= ${limit} THEN now() + make_interval(mins => ${THROTTLE.blockMinutes}) ELSE t."blockedUntil" END,
          "updatedAt" = now()
        FROM (SELECT "windowStart" < now() - make_interval(mins => ${THROTTLE.windowMinutes}) AS expired,
                     CASE WHEN "windowStart" < now() - make_interval(mins => ${THROTTLE.windowMinutes}) THEN 1 ELSE "failures" + 1 END AS f
              FROM "LoginThrottle" WHERE "key" = ${key}) AS c
        WHERE t."key" = ${key}`;
    }
    return state;
  });
}

/** The attempt was wrong: from the key's `slowAfter`-th failure the next one must wait (1 s, 2 s, 4 s ... 30 s). */
export async function recordFailure(email: string, ip: string | null): Promise<void> {
  for (const { key, slowAfter } of keys(email, ip)) {
    await db.$executeRaw`
      UPDATE "LoginThrottle" SET
        "nextAllowedAt" = now() + make_interval(secs => LEAST(${THROTTLE.maxDelaySeconds}, power(2, "failures" - ${slowAfter}))::float8),
        "updatedAt" = now()
      WHERE "key" = ${key} AND "failures" >= ${slowAfter}`;
  }
}

/** The attempt was right: the account starts afresh and the IP's count is taken back. */
export async function recordSuccess(email: string, ip: string | null): Promise<void> {
  await clearFailures(email);
  if (!ip) return;
  await db.$executeRaw`
    UPDATE "LoginThrottle" SET
      "failures" = GREATEST("failures" - 1, 0),
      "blockedUntil" = CASE WHEN "failures" - 1 >= ${THROTTLE.blockAfter.ip} THEN "blockedUntil" ELSE NULL END,
      "nextAllowedAt" = NULL,
      "updatedAt" = now()
    WHERE "key" = ${`ip:${ip}`}`;
}

export async function clearFailures(email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `acct:${email.trim().toLowerCase()}` } });
}

export function throttleMessage(state: ThrottleState): string | null {
  if (state.blockedForSeconds > 0) {
    const minutes = Math.ceil(state.blockedForSeconds / 60);
    return `Too many failed sign-in attempts. Sign-in is blocked for ${minutes} more minute${minutes === 1 ? '' : 's'}.`;
  }
  if (state.waitSeconds > 0) {
    return `Too many failed sign-in attempts. Wait ${state.waitSeconds} second${state.waitSeconds === 1 ? '' : 's'} before trying again.`;
  }
  return null;
}

/**
 * A plain request budget for anonymous public pages (the trust centre): at
 * most `limit` requests per key in a fixed window of `windowSeconds`, counted
 * in the same table as sign-in failures in one statement. True when the
 * request is within the budget.
 */
export async function withinRateLimit(key: string, limit: number, windowSeconds: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "updatedAt") VALUES (${`rate:${key}`}, 1, now(), now())
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${windowSeconds}::float8) THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${windowSeconds}::float8) THEN now() ELSE "LoginThrottle"."windowStart" END,
      "updatedAt" = now()
    RETURNING "failures"`;
  return (rows[0]?.failures ?? 0) <= limit;
}
