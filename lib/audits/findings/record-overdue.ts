import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { publishEvent } from '@/lib/events/publish';
import { ACTIVE_STATUSES } from './schema';

/**
 * Publishes `finding.overdue` once for each unresolved finding whose due date
 * has passed, with its audit event, in one transaction per finding. The key
 * includes the due date: a finding given a new date and missing it again is
 * overdue again. Run by a scheduled job; reads compute "overdue" themselves.
 */
export async function recordOverdueFindings(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'findings:manage');
  const rows = await db.finding.findMany({
    where: { orgId: actor.orgId, status: { in: [...ACTIVE_STATUSES] }, dueDate: { lt: now } },
    select: { id: true, title: true, severity: true, status: true, dueDate: true, ownerId: true },
    orderBy: { dueDate: 'asc' },
    take: 5000,
  });
  let published = 0;
  for (const f of rows) {
    const dueDate = f.dueDate!.toISOString().slice(0, 10);
    published += await db.$transaction(async (tx) => {
      const id = await publishEvent(tx, actor, {
        type: 'finding.overdue',
        entity: { type: 'finding', id: f.id },
        data: { title: f.title, severity: f.severity, status: f.status, dueDate },
        dedupeKey: `finding.overdue:${f.id}:${dueDate}`,
      });
      if (!id) return 0;
      await recordEvent(tx, actor, { action: 'finding.overdue', entityType: 'finding', entityId: f.id, changes: { dueDate } });
      return 1;
    });
  }
  return published;
}
