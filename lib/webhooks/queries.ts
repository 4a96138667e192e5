import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { eventSummary } from '@/lib/events/types';
import { authorizeWebhookAdmin } from './mutations';
import type { Preset } from './payload';
import { displayUrl } from './schema';

export const DELIVERY_PAGE_SIZE = 25;

export type EndpointSummary = {
  id: string;
  url: string;
  description: string;
  preset: Preset;
  eventTypes: string[];
  secretPrefix: string;
  createdAt: string;
  createdBy: string;
  disabledAt: string | null;
  disabledReason: string | null;
  lastDelivery: { status: string; at: string | null; responseCode: number | null } | null;
};

export async function listEndpoints(actor: Actor): Promise<EndpointSummary[]> {
  const admin = authorizeWebhookAdmin(actor);
  const rows = await db.webhookEndpoint.findMany({
    where: { orgId: admin.orgId },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: {
      id: true, url: true, description: true, preset: true, eventTypes: true, secretPrefix: true, createdAt: true, disabledAt: true, disabledReason: true,
      createdBy: { select: { email: true } },
      deliveries: { orderBy: { createdAt: 'desc' }, take: 1, select: { status: true, lastAttemptAt: true, responseCode: true } },
    },
  });
  return rows.map((e) => ({
    id: e.id,
    url: displayUrl(e.url),
    description: e.description,
    preset: e.preset,
    eventTypes: e.eventTypes,
    secretPrefix: e.secretPrefix,
    createdAt: e.createdAt.toISOString(),
    createdBy: e.createdBy.email,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    disabledReason: e.disabledReason,
    lastDelivery: e.deliveries[0] ? { status: e.deliveries[0].status, at: e.deliveries[0].lastAttemptAt?.toISOString() ?? null, responseCode: e.deliveries[0].responseCode } : null,
  }));
}

export type DeliveryRow = {
  id: string;
  eventType: string;
  summary: string;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  responseCode: number | null;
  durationMs: number | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  replayOfId: string | null;
  canReplay: boolean;
};

/** One endpoint with its delivery log, newest first, a page at a time. */
export async function getEndpoint(actor: Actor, id: string, page = 1) {
  const admin = authorizeWebhookAdmin(actor);
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id, orgId: admin.orgId },
    select: { id: true, url: true, description: true, preset: true, eventTypes: true, secretPrefix: true, previousSecretExpiresAt: true, createdAt: true, disabledAt: true, disabledReason: true, createdBy: { select: { email: true } } },
  });
  if (!endpoint) throw notFound('The webhook endpoint');
  const [total, rows] = await Promise.all([
    db.webhookDelivery.count({ where: { endpointId: id } }),
    db.webhookDelivery.findMany({
      where: { endpointId: id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * DELIVERY_PAGE_SIZE,
      take: DELIVERY_PAGE_SIZE,
      select: {
        id: true, status: true, attempts: true, responseCode: true, durationMs: true, lastAttemptAt: true, nextAttemptAt: true, lastError: true, createdAt: true, replayOfId: true,
        event: { select: { type: true, data: true } },
      },
    }),
  ]);
  const now = new Date();
  const deliveries: DeliveryRow[] = rows.map((d) => {
    const data = (typeof d.event.data === 'string' ? JSON.parse(d.event.data) : d.event.data) as Record<string, unknown>;
    return {
      id: d.id,
      eventType: d.event.type,
      summary: eventSummary(d.event.type, data),
      status: d.status,
      attempts: d.attempts,
      responseCode: d.responseCode,
      durationMs: d.durationMs,
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      replayOfId: d.replayOfId,
      canReplay: d.status !== 'PENDING' && !endpoint.disabledAt,
    };
  });
  return {
    endpoint: {
      id: endpoint.id,
      url: displayUrl(endpoint.url),
      description: endpoint.description,
      preset: endpoint.preset as Preset,
      eventTypes: endpoint.eventTypes,
      secretPrefix: endpoint.secretPrefix,
      previousSecretActiveUntil: endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? endpoint.previousSecretExpiresAt.toISOString() : null,
      createdAt: endpoint.createdAt.toISOString(),
      createdBy: endpoint.createdBy.email,
      disabledAt: endpoint.disabledAt?.toISOString() ?? null,
      disabledReason: endpoint.disabledReason,
    },
    deliveries,
    page,
    pageSize: DELIVERY_PAGE_SIZE,
    total,
  };
}

export async function listAllowedHosts(actor: Actor) {
  const admin = authorizeWebhookAdmin(actor);
  const rows = await db.webhookAllowedHost.findMany({
    where: { orgId: admin.orgId },
    orderBy: { host: 'asc' },
    take: 500,
    select: { id: true, host: true, reason: true, createdAt: true, createdBy: { select: { email: true } } },
  });
  return rows.map((h) => ({ id: h.id, host: h.host, reason: h.reason, createdAt: h.createdAt.toISOString(), createdBy: h.createdBy.email }));
}

// The outbound guard other domains use for their own sends (the decision log's checkpoint push).
export { checkOutboundUrl, guardedFetch } from './guarded-fetch';
export { TargetRefused } from './target';

/** The hosts an administrator allowed to resolve to internal addresses (the one allow-list of outbound calls). */
export async function allowedOutboundHosts(orgId: string): Promise<Set<string>> {
  const rows = await db.webhookAllowedHost.findMany({ where: { orgId }, select: { host: true } });
  return new Set(rows.map((r) => r.host));
}
