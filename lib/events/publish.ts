import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import type { Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { EVENT_TYPES, type EventInput } from './types';

/**
 * Writes a domain event into the outbox inside the caller's transaction: it
 * commits with the change it describes, or not at all. The dispatcher job
 * (./dispatch.ts) hands it to the subscribers afterwards. Resolves the event's
 * id, or null when an event with the same `dedupeKey` already exists.
 */
export async function publishEvent(tx: Tx, actor: Actor, input: EventInput): Promise<string | null> {
  if (!Object.hasOwn(EVENT_TYPES, input.type)) throw new Error(`unknown event type ${input.type}`);
  if (!actor.orgId) throw new Error('a domain event belongs to an organisation');
  const data = JSON.parse(JSON.stringify(input.data)) as Prisma.InputJsonObject;
  if (input.dedupeKey) {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "DomainEvent" ("id", "orgId", "type", "entityType", "entityId", "data", "actorLabel", "dedupeKey", "occurredAt")
      VALUES (${newId()}, ${actor.orgId}, ${input.type}, ${input.entity.type}, ${input.entity.id}, ${JSON.stringify(data)}::jsonb, ${actor.label}, ${input.dedupeKey}, now())
      ON CONFLICT ("orgId", "dedupeKey") DO NOTHING
      RETURNING "id"`;
    return rows[0]?.id ?? null;
  }
  const created = await tx.domainEvent.create({
    data: { orgId: actor.orgId, type: input.type, entityType: input.entity.type, entityId: input.entity.id, data, actorLabel: actor.label },
    select: { id: true },
  });
  return created.id;
}

function newId(): string {
  return `ev${Date.now().toString(36)}${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}
