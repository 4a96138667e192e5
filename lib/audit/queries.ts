import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import type { Permission } from '@/lib/auth/permissions';
import { csvCell } from '@/lib/csv';
import { db } from '@/lib/db';
import { rawPool } from '@/lib/db-raw';
import type { Prisma } from '@/lib/generated/prisma/client';
import { auditEventQuerySchema, type AuditEventQuery, type AuditEventView } from './schema';
import { verifyChain, type VerifyResult } from './verify';
import { AUDIT_ENTITY_TYPES, auditEventWhere } from './visibility';

const viewSelect = {
  seq: true,
  at: true,
  actorId: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  changes: true,
  reason: true,
  requestId: true,
  ip: true,
  hash: true,
} satisfies Prisma.AuditEventSelect;

type Row = Prisma.AuditEventGetPayload<{ select: typeof viewSelect }>;

function toView(e: Row): AuditEventView {
  return { ...e, seq: Number(e.seq), at: e.at.toISOString(), changes: e.changes ? (JSON.parse(e.changes) as unknown) : null };
}

function whereFor(actor: Actor, q: ReturnType<typeof auditEventQuerySchema.parse>, visible: Prisma.AuditEventWhereInput): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = { OR: [{ orgId: actor.orgId }, { orgId: null }] };
  const and: Prisma.AuditEventWhereInput[] = [visible];
  if (q.actor) and.push({ actorLabel: { contains: q.actor, mode: 'insensitive' } });
  if (q.action) and.push({ action: { startsWith: q.action } });
  if (q.entityType) and.push({ entityType: q.entityType });
  if (q.entityId) and.push({ entityId: q.entityId });
  if (q.from) and.push({ at: { gte: new Date(q.from) } });
  if (q.to) {
    // A bare date means "through the end of that day".
    const to = /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? new Date(Date.parse(q.to) + 86_400_000) : new Date(q.to);
    and.push({ at: { lt: to } });
  }
  if (q.before) and.push({ seq: { lt: BigInt(q.before) } });
  return { AND: [where, ...and] };
}

/** Newest first, keyset-paginated by sequence number; an auditor reads only the events of their scope. */
export async function listAuditEvents(actor: Actor, input: AuditEventQuery = {}) {
  authorize(actor, 'audit-trail:read');
  const q = auditEventQuerySchema.parse(input);
  const rows = await db.auditEvent.findMany({
    where: whereFor(actor, q, await auditEventWhere(actor)),
    orderBy: { seq: 'desc' },
    take: q.limit + 1,
    select: viewSelect,
  });
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map(toView);
  return { items, nextBefore: more ? items[items.length - 1].seq : null };
}

/**
 * The history of one record, for the record's own page (a matrix cell, a
 * model version...). Readable by whoever may read that domain.
 */
export async function entityHistory(actor: Actor, readPermission: Permission, entityType: string, entityId: string, limit = 100) {
  authorize(actor, readPermission);
  const visible = (AUDIT_ENTITY_TYPES as readonly string[]).includes(entityType) ? await auditEventWhere(actor) : {};
  const rows = await db.auditEvent.findMany({
    where: { AND: [{ entityType, entityId, OR: [{ orgId: actor.orgId }, { orgId: null }] }, visible] },
    orderBy: { seq: 'desc' },
    take: limit,
    select: viewSelect,
  });
  return rows.map(toView);
}

export async function verifyAuditTrail(actor: Actor): Promise<VerifyResult> {
  authorize(actor, 'audit-trail:verify');
  return verifyChain(rawPool());
}

const CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'entityType', 'entityId', 'changes', 'reason', 'requestId', 'ip', 'hash'] as const;


/** Streams the filtered trail as CSV in batches, oldest first within the filter. */
export function exportAuditEventsCsv(actor: Actor, input: AuditEventQuery = {}): ReadableStream<Uint8Array> {
  authorize(actor, 'audit-trail:read');
  const q = auditEventQuerySchema.parse({ ...input, limit: 500 });
  const encoder = new TextEncoder();
  let before: number | undefined = q.before;
  let visible: Prisma.AuditEventWhereInput | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!visible) {
        visible = await auditEventWhere(actor);
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(',')}\n`));
      }
      const rows = await db.auditEvent.findMany({
        where: whereFor(actor, { ...q, before }, visible),
        orderBy: { seq: 'desc' },
        take: 2000,
        select: viewSelect,
      });
      if (rows.length === 0) {
        controller.close();
        return;
      }
      const lines = rows.map((r) => {
        const e = toView(r);
        return [e.seq, e.at, e.actorLabel, e.action, e.entityType, e.entityId, e.changes, e.reason, e.requestId, e.ip, e.hash]
          .map(csvCell)
          .join(',');
      });
      controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
      before = Number(rows[rows.length - 1].seq);
    },
  });
}
