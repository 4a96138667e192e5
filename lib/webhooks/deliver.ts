import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';
import type { EventType } from '@/lib/events/types';
import { notify } from '@/lib/notifications/notify';
import { messageId, payloadFor, type Preset } from './payload';
import { nextAttemptAt } from './retry';
import { signedHeaders } from './signing';
import { resolveTarget, TargetRefused, type Resolver } from './target';
import { postToTarget, type SendResult } from './transport';

export type DeliverOptions = {
  /** The identity that writes the audit event when an endpoint is disabled (the job's system actor). */
  actorFor: (orgId: string) => Actor;
  resolver?: Resolver;
  send?: typeof postToTarget;
  /** Deliveries sent at the same time (default 16). */
  concurrency?: number;
  /** Deliveries claimed in one pass (default 500). */
  limit?: number;
};

export type DeliverReport = { attempted: number; succeeded: number; failed: number; disabled: number };

/** The origin links in payloads point at. */
export function portalUrl(): string {
  return env().NEXTAUTH_URL ?? 'http://localhost:3000';
}

const DELIVERY_SELECT = {
  id: true, orgId: true, createdAt: true, attempts: true,
  endpoint: { select: { id: true, url: true, preset: true, secret: true, previousSecret: true, previousSecretExpiresAt: true, createdById: true, description: true } },
  event: { select: { id: true, type: true, entityType: true, entityId: true, data: true, actorLabel: true, occurredAt: true } },
} as const;

/**
 * Sends every due delivery once: claims them (SKIP LOCKED, so several workers
 * never send one twice), checks the target and signs each attempt, records
 * the answer, and schedules the next attempt with back-off — or, after 24 h,
 * gives up and disables the endpoint, telling its owner. `now` is the clock
 * every decision uses (the job's `ctx.now`).
 */
export async function deliverDueWebhooks(now: Date, opts: DeliverOptions): Promise<DeliverReport> {
  const limit = opts.limit ?? 500;
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" SET "lockedUntil" = ${new Date(now.getTime() + 5 * 60_000)}
    WHERE "id" IN (
      SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
      WHERE d."status" = 'PENDING' AND d."nextAttemptAt" <= ${now} AND (d."lockedUntil" IS NULL OR d."lockedUntil" < ${now}) AND e."disabledAt" IS NULL
      ORDER BY d."nextAttemptAt" LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED)
    RETURNING "id"`;
  const report: DeliverReport = { attempted: 0, succeeded: 0, failed: 0, disabled: 0 };
  if (!claimed.length) return report;
  const rows = await db.webhookDelivery.findMany({ where: { id: { in: claimed.map((c) => c.id) } }, select: DELIVERY_SELECT, orderBy: { createdAt: 'asc' } });
  const orgIds = [...new Set(rows.map((r) => r.orgId))];
  const hosts = await db.webhookAllowedHost.findMany({ where: { orgId: { in: orgIds } }, select: { orgId: true, host: true } });
  const allowed = new Map(orgIds.map((id) => [id, new Set(hosts.filter((h) => h.orgId === id).map((h) => h.host))]));

  let next = 0;
  const delivered: { id: string; attempts: number; status: number; durationMs: number }[] = [];
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      const outcome = await attempt(row, allowed.get(row.orgId)!, now, opts);
      report.attempted++;
      if (outcome.ok) {
        report.succeeded++;
        delivered.push({ id: row.id, attempts: row.attempts + 1, status: outcome.status!, durationMs: outcome.durationMs ?? 0 });
      } else {
        report.failed++;
        if (await record(row, outcome, now, opts)) report.disabled++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 16, rows.length) }, worker));
  // Successes are written together (one statement per pass). A crash before
  // this line sends them again once the claim expires: at least once, with
  // the same webhook-id, which receivers de-duplicate on.
  if (delivered.length) {
    await db.$executeRaw`
      UPDATE "WebhookDelivery" d SET "status" = 'SUCCEEDED'::"WebhookDeliveryStatus", "attempts" = v.attempts, "lastAttemptAt" = ${now},
        "responseCode" = v.code, "durationMs" = v.ms, "lastError" = NULL, "lockedUntil" = NULL, "nextAttemptAt" = NULL
      FROM (SELECT unnest(${delivered.map((d) => d.id)}::text[]) AS id, unnest(${delivered.map((d) => d.attempts)}::int[]) AS attempts,
                   unnest(${delivered.map((d) => d.status)}::int[]) AS code, unnest(${delivered.map((d) => d.durationMs)}::int[]) AS ms) v
      WHERE d."id" = v.id`;
  }
  return report;
}

type Row = Prisma.WebhookDeliveryGetPayload<{ select: typeof DELIVERY_SELECT }>;

type Outcome = { ok: boolean; status: number | null; durationMs: number | null; error: string | null };

async function attempt(row: Row, allowedHosts: ReadonlySet<string>, now: Date, opts: DeliverOptions): Promise<Outcome> {
  const { endpoint, event } = row;
  const data = typeof event.data === 'string' ? (JSON.parse(event.data) as Record<string, unknown>) : (event.data as Record<string, unknown>);
  const body = payloadFor(endpoint.preset as Preset, { id: event.id, type: event.type as EventType, entity: { type: event.entityType, id: event.entityId }, data, occurredAt: event.occurredAt, actorLabel: event.actorLabel }, portalUrl());
  const secrets = [endpoint.secret, ...(endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? [endpoint.previousSecret] : [])];
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'ai-governance-portal-webhooks/1',
    ...signedHeaders(secrets, messageId(event.id), Math.floor(Date.now() / 1000), body),
  };
  try {
    const target = await resolveTarget(endpoint.url, { resolver: opts.resolver, allowedHosts });
    const result: SendResult = await (opts.send ?? postToTarget)(target, headers, body);
    const ok = result.status >= 200 && result.status < 300;
    const redirect = result.status >= 300 && result.status < 400;
    return {
      ok,
      status: result.status,
      durationMs: result.durationMs,
      error: ok ? null : redirect ? `HTTP ${result.status}: redirects are not followed` : `HTTP ${result.status}${result.body ? `: ${result.body.slice(0, 200)}` : ''}`,
    };
  } catch (error) {
    return { ok: false, status: null, durationMs: null, error: error instanceof TargetRefused ? error.message : `Not delivered: ${(error as Error).message}` };
  }
}

/** Writes a failed attempt; resolves true when it disabled the endpoint. */
async function record(row: Row, outcome: Outcome, now: Date, opts: DeliverOptions): Promise<boolean> {
  const attempts = row.attempts + 1;
  const base = { attempts, lastAttemptAt: now, responseCode: outcome.status, durationMs: outcome.durationMs, lastError: outcome.error?.slice(0, 500) ?? null, lockedUntil: null };
  const retryAt = nextAttemptAt(row.createdAt, attempts, now);
  if (retryAt) {
    await db.webhookDelivery.update({ where: { id: row.id }, data: { ...base, nextAttemptAt: retryAt } });
    return false;
  }
  return db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({ where: { id: row.id }, data: { ...base, status: 'FAILED', nextAttemptAt: null } });
    const reason = `A delivery failed for 24 hours (${attempts} attempts; last: ${outcome.error ?? 'no answer'}).`;
    const disabled = await tx.webhookEndpoint.updateMany({ where: { id: row.endpoint.id, disabledAt: null }, data: { disabledAt: now, disabledReason: reason.slice(0, 500) } });
    if (!disabled.count) return false;
    // What was still waiting for this endpoint stops too; an admin can replay it after re-enabling.
    await tx.webhookDelivery.updateMany({
      where: { endpointId: row.endpoint.id, status: 'PENDING' },
      data: { status: 'FAILED', nextAttemptAt: null, lockedUntil: null, lastError: 'Not sent: the endpoint was disabled.' },
    });
    const actor = opts.actorFor(row.orgId);
    await recordEvent(tx, actor, { action: 'webhook.endpoint_disabled', entityType: 'webhook_endpoint', entityId: row.endpoint.id, changes: { disabledAt: { from: null, to: now.toISOString() } }, reason });
    await notify(tx, {
      orgId: row.orgId,
      userIds: [row.endpoint.createdById],
      kind: 'webhook.endpoint_disabled',
      title: `Webhook endpoint disabled: ${row.endpoint.description || row.endpoint.url}`,
      body: `${reason} Re-enable it at Admin → Webhooks once the receiver answers again.`,
      link: `/admin/webhooks/${row.endpoint.id}`,
      entity: { type: 'webhook_endpoint', id: row.endpoint.id },
      dedupeKey: `webhook.endpoint_disabled:${row.endpoint.id}:${now.toISOString()}`,
    });
    return true;
  });
}
