import 'server-only';
import { db } from '@/lib/db';
import { chainReadBarrier } from './barrier';

// Figures (dashboards, home counts) cached per organisation and invalidated
// by the mutations that change them. Every mutation records an audit event in
// its own transaction, so the organisation's newest event — sealed or still
// pending — is a version number for everything it can see: one indexed
// lookup instead of the dozen queries a dashboard makes. A change in the
// organisation, in any process, moves the version and the next read
// recomputes. Figures that depend on the clock alone (what became overdue
// since) are also recomputed after MAX_AGE_MS.

const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 1_000;
const cache = new Map<string, { version: string; at: number; value: unknown }>();

/** The version of everything the organisation's mutations have changed. */
export async function figuresVersion(orgId: string): Promise<string> {
  // What this process committed is counted before the version is read.
  await chainReadBarrier();
  const [row] = await db.$queryRaw<{ v: string }[]>`
    SELECT concat((SELECT max("seq") FROM "AuditEvent" WHERE "orgId" = ${orgId}), '/',
                  (SELECT max("id") FROM "AuditEventPending")) AS v`;
  return row.v;
}

/**
 * `compute()` once per version of the organisation's data; `key` names who
 * the figures are for (role, person, auditor scope), so no one is served
 * another's view.
 */
export async function cachedFigures<T>(orgId: string, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await figuresVersion(orgId);
  const k = `${orgId}\u0000${key}`;
  const hit = cache.get(k);
  if (hit && hit.version === version && Date.now() - hit.at < MAX_AGE_MS) return hit.value as T;
  const value = await compute();
  cache.delete(k);
  cache.set(k, { version, at: Date.now(), value });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}
