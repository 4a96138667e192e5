import 'server-only';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { tableCsv, tableXlsx } from '@/lib/xlsx';
import { missingFields, ropaSheet, type ActivityRecord } from '../ropa';
import { purposeSchema, transferSchema } from '../schema';

const purposes = z.array(purposeSchema).catch([]);
const transfers = z.array(transferSchema).catch([]);

async function loadActivities(actor: Actor, id?: string) {
  const rows = await db.processingActivity.findMany({ where: { orgId: actor.orgId, ...(id ? { id } : {}) }, orderBy: { name: 'asc' } });
  const systemIds = [...new Set(rows.flatMap((r) => r.systemIds))];
  const datasetIds = [...new Set(rows.flatMap((r) => r.datasetIds))];
  const [systems, datasets] = await Promise.all([
    db.aISystem.findMany({ where: { orgId: actor.orgId, id: { in: systemIds } }, select: { id: true, name: true } }),
    db.dataset.findMany({ where: { orgId: actor.orgId, id: { in: datasetIds } }, select: { id: true, name: true } }),
  ]);
  // The register's own fields only (not the row's organisation or creation time).
  return rows.map(({ orgId: _org, createdAt: _created, ...r }) => {
    const record: ActivityRecord = { ...r, purposes: purposes.parse(r.purposes), transfers: transfers.parse(r.transfers) };
    return {
      ...record,
      id: r.id,
      updatedAt: r.updatedAt,
      systems: systems.filter((s) => r.systemIds.includes(s.id)).map((s) => s.name),
      datasets: datasets.filter((d) => r.datasetIds.includes(d.id)).map((d) => d.name),
    };
  });
}

/** The register with each record's completeness flags (what Art. 30(1) still asks for). */
export async function listProcessingActivities(actor: Actor) {
  authorize(actor, 'privacy:read');
  const rows = await loadActivities(actor);
  return {
    items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString(), missing: missingFields(r), complete: missingFields(r).length === 0 })),
    capabilities: { create: can(actor, 'privacy:manage'), edit: can(actor, 'privacy:manage') },
  };
}

export async function exportProcessingActivities(actor: Actor, format: 'csv' | 'xlsx') {
  authorize(actor, 'privacy:read');
  const sheet = ropaSheet(await loadActivities(actor));
  return format === 'csv' ? tableCsv(sheet) : tableXlsx([sheet]);
}

/** One record of the register with its links named, for its page and edit form. */
export async function getProcessingActivity(actor: Actor, id: string) {
  authorize(actor, 'privacy:read');
  const r = (await loadActivities(actor, id))[0];
  if (!r) throw notFound('The processing activity');
  const [systems, datasets] = await Promise.all([
    db.aISystem.findMany({ where: { orgId: actor.orgId, id: { in: r.systemIds } }, select: { id: true, name: true } }),
    db.dataset.findMany({ where: { orgId: actor.orgId, id: { in: r.datasetIds } }, select: { id: true, name: true } }),
  ]);
  return {
    ...r,
    updatedAt: r.updatedAt.toISOString(),
    missing: missingFields(r),
    complete: missingFields(r).length === 0,
    systemLinks: systems.map((s) => ({ value: s.id, label: s.name })),
    datasetLinks: datasets.map((d) => ({ value: d.id, label: d.name })),
    capabilities: { edit: can(actor, 'privacy:manage') },
  };
}
export type ActivityDetail = Awaited<ReturnType<typeof getProcessingActivity>>;
