import 'server-only';
import type { EventSubscriber } from '@/lib/events/dispatch';

/** Turns each committed event into one pending delivery per enabled endpoint subscribed to its type. */
export const webhookSubscriber: EventSubscriber = {
  name: 'webhooks',
  async handle(tx, event) {
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { orgId: event.orgId, disabledAt: null, eventTypes: { has: event.type } },
      select: { id: true },
    });
    if (!endpoints.length) return 0;
    await tx.webhookDelivery.createMany({
      data: endpoints.map((e) => ({ orgId: event.orgId, endpointId: e.id, eventId: event.id, nextAttemptAt: event.occurredAt })),
    });
    return endpoints.length;
  },
};
