import 'server-only';
import { db } from '@/lib/db';

// Counters live in PostgreSQL so every instance behind a load balancer sees
// the same failures. Per account: from the 3rd failure each attempt must wait
// (1 s, 2 s, 4 s ... up to 30 s); the 10th blocks the account for 15 minutes.
// Per IP the same, with a higher ceiling (many users can share an address).
export const THROTTLE = {
  windowMinutes: 15,
  slowAfter: 3,
  maxDelaySeconds: 30,
  blockMinutes: 15,
  blockAfter: { account: 10, ip: 50 },
} as const;

export type ThrottleState = { blockedForSeconds: number; waitSeconds: number };

function keys(email: string, ip: string | null): { key: string; limit: number }[] {
  const list: { key: string; limit: number }[] = [{ key: `acct:${email.trim().toLowerCase()}`, limit: THROTTLE.blockAfter.account }];
  if (ip) list.push({ key: `ip:${ip}`, limit: THROTTLE.blockAfter.ip });
  return list;
}

/** How long the caller must wait before an attempt is even checked. */
export async function throttleState(email: string, ip: string | null): Promise<ThrottleState> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys(email, ip).map((k) => k.key) } } });
  const now = Date.now();
  let blocked = 0;
  let wait = 0;
  for (const row of rows) {
    if (row.blockedUntil && row.blockedUntil.getTime() > now) {
      blocked = Math.max(blocked, Math.ceil((row.blockedUntil.getTime() - now) / 1000));
    }
    if (row.nextAllowedAt && row.nextAllowedAt.getTime() > now) {
      wait = Math.max(wait, Math.ceil((row.nextAllowedAt.getTime() - now) / 1000));
    }
  }
  return { blockedForSeconds: blocked, waitSeconds: wait };
}

export async function recordFailure(email: string, ip: string | null): Promise<void> {
  for (const { key, limit } of keys(email, ip)) {
    // One statement per key: the increment, the window reset and the
    // resulting delay or block are computed atomically in the database.
    await db.$executeRaw`
      INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "updatedAt")
      VALUES (${key}, 1, now(), now())
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(mins => ${THROTTLE.windowMinutes})
                          THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
        "windowStart" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(mins => ${THROTTLE.windowMinutes})
                          THEN now() ELSE "LoginThrottle"."windowStart" END,
        "updatedAt" = now()`;
    await db.$executeRaw`
      UPDATE "LoginThrottle" SET
        "blockedUntil" = CASE WHEN "failures" >= ${limit}
                              THEN now() + make_interval(mins => ${THROTTLE.blockMinutes}) ELSE "blockedUntil" END,
        "nextAllowedAt" = CASE WHEN "failures" >= ${THROTTLE.slowAfter}
                              THEN now() + make_interval(secs => LEAST(${THROTTLE.maxDelaySeconds}, power(2, "failures" - ${THROTTLE.slowAfter}))::float8)
                              ELSE NULL END
      WHERE "key" = ${key}`;
  }
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
