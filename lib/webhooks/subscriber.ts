import 'server-only';
import type { EventSubscriber } from '@/lib/events/dispatch';

/** Turns each committed event into one pending delivery per enabled endpoint
 *  subscribed to its type that existed when the event happened (an endpoint
 *  registered later does not receive what came before it). */
export const webhookSubscriber: EventSubscriber = {
  name: 'webhooks',
  async handle(tx, events) {
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { orgId: { in: [...new Set(events.map((e) => e.orgId))] }, disabledAt: null },
      select: { id: true, orgId: true, eventTypes: true, createdAt: true },
    });
    if (!endpoints.length) return 0;
    const data = events.flatMap((event) =>
      endpoints
        .filter((e) => e.orgId === event.orgId && e.eventTypes.includes(event.type) && e.createdAt <= event.occurredAt)
        .map((e) => ({ orgId: event.orgId, endpointId: e.id, eventId: event.id, nextAttemptAt: event.occurredAt })),
    );
    if (data.length) await tx.webhookDelivery.createMany({ data });
    return data.length;
  },
};
