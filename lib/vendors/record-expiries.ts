import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { notify } from '@/lib/notifications/notify';
import { CERTIFICATION_LABELS, CONTRACT_LABELS, EXPIRY_WARNING_DAYS } from './schema';

/** Who hears of a vendor's expiries: its owner, or the organisation's compliance officers when it has none. */
async function recipients(tx: Tx, orgId: string, ownerId: string | null): Promise<string[]> {
  if (ownerId) return [ownerId];
  const officers = await tx.user.findMany({ where: { orgId, role: 'COMPLIANCE_OFFICER', active: true }, select: { id: true } });
  return officers.map((u) => u.id);
}

/**
 * Warns once about each vendor contract and certification whose expiry is
 * within EXPIRY_WARNING_DAYS (or past): a notification to the vendor's owner,
 * the marker and `vendor.expiry_warned`, in one transaction per organisation.
 * Run by the scheduled job; the vendor pages compute "expiring" themselves.
 */
export async function recordVendorExpiries(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'vendors:manage');
  const horizon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);
  return db.$transaction(async (tx) => {
    const vendorWhere = { orgId: actor.orgId };
    const due = { expiresAt: { lte: horizon }, expiryWarnedAt: null };
    const [contracts, certs] = await Promise.all([
      tx.vendorContract.findMany({ where: { ...due, vendor: vendorWhere }, select: { id: true, type: true, expiresAt: true, vendor: { select: { id: true, name: true, ownerId: true } } }, take: 500 }),
      tx.vendorCertification.findMany({ where: { ...due, vendor: vendorWhere }, select: { id: true, kind: true, expiresAt: true, vendor: { select: { id: true, name: true, ownerId: true } } }, take: 500 }),
    ]);
    const items = [
      ...contracts.map((c) => ({ id: c.id, table: 'contract' as const, what: CONTRACT_LABELS[c.type], expiresAt: c.expiresAt!, vendor: c.vendor })),
      ...certs.map((c) => ({ id: c.id, table: 'certification' as const, what: CERTIFICATION_LABELS[c.kind], expiresAt: c.expiresAt!, vendor: c.vendor })),
    ];
    let warned = 0;
    for (const item of items) {
      const res = item.table === 'contract'
        ? await tx.vendorContract.updateMany({ where: { id: item.id, expiryWarnedAt: null }, data: { expiryWarnedAt: now } })
        : await tx.vendorCertification.updateMany({ where: { id: item.id, expiryWarnedAt: null }, data: { expiryWarnedAt: now } });
      if (!res.count) continue;
      warned += 1;
      const expired = item.expiresAt.getTime() <= now.getTime();
      await notify(tx, {
        orgId: actor.orgId,
        userIds: await recipients(tx, actor.orgId, item.vendor.ownerId),
        kind: 'vendor.expiring',
        title: `${item.vendor.name}: ${item.what} ${expired ? 'has expired' : 'expires soon'}`,
        body: `Expiry date ${item.expiresAt.toISOString().slice(0, 10)}.`,
        link: `/vendors/${item.vendor.id}`,
        entity: { type: 'vendor', id: item.vendor.id },
        dedupeKey: `vendor-expiry:${item.table}:${item.id}:${item.expiresAt.toISOString()}`,
      });
      await recordEvent(tx, actor, {
        action: 'vendor.expiry_warned',
        entityType: 'vendor',
        entityId: item.vendor.id,
        changes: { [`${item.table}Id`]: item.id, what: item.what, expiresAt: item.expiresAt.toISOString(), expired },
        reason: expired ? 'Its expiry date passed' : `It expires within ${EXPIRY_WARNING_DAYS} days`,
      });
    }
    return warned;
  });
}
