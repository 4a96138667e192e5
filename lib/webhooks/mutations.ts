import 'server-only';
import { requireFreshFactor } from '@/lib/auth/step-up';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { sendJobNow } from '@/lib/jobs/send-now';
import {
  allowHostSchema, allowedHostIdSchema, createEndpointSchema, deliveryIdSchema, displayUrl, endpointIdSchema, rotateSecretSchema, setEnabledSchema,
  type CreateEndpointInput,
} from './schema';
import { generateSecret } from './signing';
import { parseEndpointUrl, TargetRefused } from './target';

// The delivery run and the event subscriber are writes the job registry runs.
export { deliverDueWebhooks } from './deliver';
export { webhookSubscriber } from './subscriber';

/** Only signed-in administrators manage webhooks: a token never does, whatever its scopes. */
export function authorizeWebhookAdmin(actor: Actor | null | undefined): Actor & { userId: string } {
  const a = authorize(actor, 'webhooks:manage');
  if (a.kind !== 'user' || !a.userId) throw forbidden('Webhooks are managed by signed-in administrators only.');
  return a as Actor & { userId: string };
}

const secretPrefixOf = (secret: string) => `${secret.slice(0, 10)}…`;

/** Registers an endpoint and returns its signing secret, once. */
export async function createEndpoint(actor: Actor, input: CreateEndpointInput) {
  const admin = authorizeWebhookAdmin(actor);
  requireFreshFactor(actor);
  const data = createEndpointSchema.parse(input);
  try {
    parseEndpointUrl(data.url);
  } catch (error) {
    if (error instanceof TargetRefused) throw new AppError('VALIDATION', error.message, { fieldErrors: { url: [error.message] } });
    throw error;
  }
  const secret = generateSecret();
  const endpoint = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { orgId: admin.orgId, url: data.url, description: data.description, preset: data.preset, eventTypes: data.eventTypes, secret, secretPrefix: secretPrefixOf(secret), createdById: admin.userId },
      select: { id: true },
    });
    await recordEvent(tx, admin, {
      action: 'webhook.endpoint_created',
      entityType: 'webhook_endpoint',
      entityId: created.id,
      after: { url: displayUrl(data.url), description: data.description, preset: data.preset, eventTypes: data.eventTypes },
    });
    return created;
  });
  return { id: endpoint.id, secret };
}

async function findEndpoint(orgId: string, id: string) {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id, orgId }, select: { id: true, url: true, disabledAt: true, secret: true } });
  if (!endpoint) throw notFound('The webhook endpoint');
  return endpoint;
}

/**
 * A new secret, shown once; the old one keeps signing beside it for
 * `overlapHours` (both signatures are sent), so receivers can switch over.
 */
export async function rotateSecret(actor: Actor, input: { id: string; overlapHours?: number | string }) {
  const admin = authorizeWebhookAdmin(actor);
  const { id, overlapHours } = rotateSecretSchema.parse(input);
  const current = await findEndpoint(admin.orgId, id);
  const secret = generateSecret();
  const previousSecretExpiresAt = new Date(Date.now() + overlapHours * 3600_000);
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id },
      data: { secret, secretPrefix: secretPrefixOf(secret), previousSecret: overlapHours > 0 ? current.secret : null, previousSecretExpiresAt: overlapHours > 0 ? previousSecretExpiresAt : null },
    });
    await recordEvent(tx, admin, { action: 'webhook.secret_rotated', entityType: 'webhook_endpoint', entityId: id, changes: { overlapHours, previousSecretExpiresAt: overlapHours > 0 ? previousSecretExpiresAt.toISOString() : null } });
  });
  return { id, secret, previousSecretExpiresAt: overlapHours > 0 ? previousSecretExpiresAt.toISOString() : null };
}

export async function setEndpointEnabled(actor: Actor, input: { id: string; enabled: string | boolean }) {
  const admin = authorizeWebhookAdmin(actor);
  const { id, enabled } = setEnabledSchema.parse({ ...input, enabled: String(input.enabled) });
  const current = await findEndpoint(admin.orgId, id);
  if (enabled === !current.disabledAt) throw new AppError('CONFLICT', enabled ? 'This endpoint is already enabled.' : 'This endpoint is already disabled.');
  const disabledAt = enabled ? null : new Date();
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({ where: { id }, data: { disabledAt, disabledReason: enabled ? null : `Disabled by ${admin.label}.` } });
    if (!enabled) {
      await tx.webhookDelivery.updateMany({ where: { endpointId: id, status: 'PENDING' }, data: { status: 'FAILED', nextAttemptAt: null, lastError: 'Not sent: the endpoint was disabled.' } });
    }
    await recordEvent(tx, admin, {
      action: enabled ? 'webhook.endpoint_enabled' : 'webhook.endpoint_disabled',
      entityType: 'webhook_endpoint',
      entityId: id,
      changes: { disabledAt: { from: current.disabledAt?.toISOString() ?? null, to: disabledAt?.toISOString() ?? null } },
    });
  });
  return { id, enabled };
}

export async function deleteEndpoint(actor: Actor, input: { id: string }) {
  const admin = authorizeWebhookAdmin(actor);
  const { id } = endpointIdSchema.parse(input);
  const current = await findEndpoint(admin.orgId, id);
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordEvent(tx, admin, { action: 'webhook.endpoint_deleted', entityType: 'webhook_endpoint', entityId: id, before: { url: displayUrl(current.url) } });
  });
  return { id };
}

/** Sends the delivery's event again to its endpoint, as a new delivery with its own 24 h of retries. */
export async function replayDelivery(actor: Actor, input: { deliveryId: string }) {
  const admin = authorizeWebhookAdmin(actor);
  const { deliveryId } = deliveryIdSchema.parse(input);
  const replay = await db.$transaction(async (tx) => {
    const original = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, orgId: admin.orgId },
      select: { id: true, endpointId: true, eventId: true, status: true, endpoint: { select: { disabledAt: true } }, event: { select: { type: true } } },
    });
    if (!original) throw notFound('The delivery');
    if (original.endpoint.disabledAt) throw new AppError('CONFLICT', 'The endpoint is disabled: enable it before replaying a delivery.');
    if (original.status === 'PENDING') throw new AppError('CONFLICT', 'This delivery is still being retried.');
    const created = await tx.webhookDelivery.create({
      data: { orgId: admin.orgId, endpointId: original.endpointId, eventId: original.eventId, replayOfId: original.id, nextAttemptAt: new Date() },
      select: { id: true },
    });
    await recordEvent(tx, admin, { action: 'webhook.delivery_replayed', entityType: 'webhook_endpoint', entityId: original.endpointId, changes: { deliveryId: original.id, replayId: created.id, eventType: original.event.type } });
    return { id: created.id, endpointId: original.endpointId };
  });
  await sendJobNow('webhooks.deliver');
  return replay;
}

/** Queues a `webhook.test` message to one endpoint (not to other subscribers), to check the receiver. */
export async function sendTestEvent(actor: Actor, input: { id: string }) {
  const admin = authorizeWebhookAdmin(actor);
  const { id } = endpointIdSchema.parse(input);
  const endpoint = await findEndpoint(admin.orgId, id);
  if (endpoint.disabledAt) throw new AppError('CONFLICT', 'The endpoint is disabled: enable it first.');
  const delivery = await db.$transaction(async (tx) => {
    const now = new Date();
    const event = await tx.domainEvent.create({
      data: { orgId: admin.orgId, type: 'webhook.test', entityType: 'webhook_endpoint', entityId: id, data: { title: 'Test message from the governance portal' }, actorLabel: admin.label, occurredAt: now, dispatchedAt: now },
      select: { id: true },
    });
    const created = await tx.webhookDelivery.create({ data: { orgId: admin.orgId, endpointId: id, eventId: event.id, nextAttemptAt: now }, select: { id: true } });
    await recordEvent(tx, admin, { action: 'webhook.test_sent', entityType: 'webhook_endpoint', entityId: id, changes: { deliveryId: created.id } });
    return created;
  });
  await sendJobNow('webhooks.deliver');
  return delivery;
}

/** Lets a host reach private, loopback or link-local addresses (an internal receiver). */
export async function allowHost(actor: Actor, input: { host: string; reason: string }) {
  const admin = authorizeWebhookAdmin(actor);
  const data = allowHostSchema.parse(input);
  return db.$transaction(async (tx) => {
    const exists = await tx.webhookAllowedHost.findFirst({ where: { orgId: admin.orgId, host: data.host }, select: { id: true } });
    if (exists) throw new AppError('CONFLICT', `${data.host} is already allowed.`, { fieldErrors: { host: ['Already on the list'] } });
    const created = await tx.webhookAllowedHost.create({ data: { orgId: admin.orgId, host: data.host, reason: data.reason, createdById: admin.userId }, select: { id: true, host: true } });
    await recordEvent(tx, admin, { action: 'webhook.host_allowed', entityType: 'webhook_allowed_host', entityId: created.id, after: { host: data.host }, reason: data.reason });
    return created;
  });
}

export async function removeAllowedHost(actor: Actor, input: { id: string }) {
  const admin = authorizeWebhookAdmin(actor);
  const { id } = allowedHostIdSchema.parse(input);
  return db.$transaction(async (tx) => {
    const host = await tx.webhookAllowedHost.findFirst({ where: { id, orgId: admin.orgId }, select: { id: true, host: true } });
    if (!host) throw notFound('The allowed host');
    await tx.webhookAllowedHost.delete({ where: { id } });
    await recordEvent(tx, admin, { action: 'webhook.host_disallowed', entityType: 'webhook_allowed_host', entityId: id, before: { host: host.host } });
    return { id };
  });
}
