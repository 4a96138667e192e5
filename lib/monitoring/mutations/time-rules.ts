import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { publishEvent } from '@/lib/events/publish';
import { notify } from '@/lib/notifications/notify';
import { alertKey, alertTitle, monitorPath } from './alerts';
import { refreshMonitorHealth } from './health';

// Written by jobs (lib/jobs/registry.ts), never by a read.

/**
 * Monitors of production versions without a window for longer than their
 * limit (default 26 h) get one missing-data alert. A version out of
 * production (rolled back, retired) is not expected to send data.
 */
export async function recordMissingData(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'monitoring:write');
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT m."id" FROM "Monitor" m
    JOIN "ModelVersion" v ON v."id" = m."versionId" AND v."stage" = 'PRODUCTION'
    WHERE m."orgId" = ${actor.orgId}
      AND COALESCE(m."lastWindowEnd", m."createdAt") < ${now}::timestamp - make_interval(hours => m."missingAfterHours")
      AND NOT EXISTS (SELECT 1 FROM "MonitorAlert" a WHERE a."monitorId" = m."id" AND a."kind" = 'MISSING_DATA' AND a."status" <> 'RESOLVED')`;
  let opened = 0;
  for (const { id } of due) {
    opened += await db.$transaction(async (tx) => {
      const m = await tx.monitor.findUniqueOrThrow({ where: { id }, select: { id: true, orgId: true, versionId: true, lastWindowEnd: true, createdAt: true, missingAfterHours: true, version: { select: { label: true, model: { select: { name: true, key: true, ownerId: true } } } } } });
      const key = alertKey(m.id, 'MISSING_DATA', '', '', '');
      if (await tx.monitorAlert.findUnique({ where: { openKey: key }, select: { id: true } })) return 0;
      const where = `${m.version.model.name} ${m.version.label}`;
      const alert = await tx.monitorAlert.create({ data: { orgId: m.orgId, monitorId: m.id, kind: 'MISSING_DATA', level: 'WARNING', openKey: key, ownerId: m.version.model.ownerId, openedAt: now, lastSeenAt: now }, select: { id: true } });
      await refreshMonitorHealth(tx, m.id);
      const since = (m.lastWindowEnd ?? m.createdAt).toISOString();
      await recordEvent(tx, actor, { action: 'monitoring.alert_opened', entityType: 'monitoring_alert', entityId: alert.id, after: { kind: 'MISSING_DATA', monitorId: m.id, lastData: since, limitHours: m.missingAfterHours } });
      const title = alertTitle({ kind: 'MISSING_DATA', level: 'WARNING', subject: '', attribute: '', groupValue: '' }, where);
      await notify(tx, { orgId: m.orgId, userIds: [m.version.model.ownerId], kind: 'monitoring.alert', title, body: `No window since ${since} (limit ${m.missingAfterHours} h).`, link: monitorPath(m.versionId), entity: { type: 'monitoring_alert', id: alert.id }, dedupeKey: `monitoring.alert:${alert.id}:missing` });
      await publishEvent(tx, actor, { type: 'monitoring.alert', entity: { type: 'monitoring_alert', id: alert.id }, data: { title, level: 'WARNING', kind: 'MISSING_DATA', versionId: m.versionId, modelKey: m.version.model.key, lastData: since }, dedupeKey: `monitoring.alert:${alert.id}:missing` });
      return 1;
    });
  }
  return opened;
}

/** Breaches still open (unacknowledged) after the monitor's escalation delay (default 3 days) go to the business owner and compliance. */
export async function escalateBreaches(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'monitoring:write');
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT a."id" FROM "MonitorAlert" a JOIN "Monitor" m ON m."id" = a."monitorId"
    WHERE a."orgId" = ${actor.orgId} AND a."level" = 'BREACH' AND a."status" = 'OPEN' AND a."escalatedAt" IS NULL
      AND a."openedAt" < ${now}::timestamp - make_interval(days => m."escalateAfterDays")`;
  let escalated = 0;
  for (const { id } of due) {
    escalated += await db.$transaction(async (tx) => {
      const a = await tx.monitorAlert.findUniqueOrThrow({
        where: { id },
        select: { id: true, orgId: true, kind: true, level: true, status: true, escalatedAt: true, subject: true, attribute: true, groupValue: true, openedAt: true, monitor: { select: { versionId: true, version: { select: { label: true, model: { select: { name: true, businessOwnerId: true, system: { select: { businessOwnerId: true } } } } } } } } },
      });
      if (a.status !== 'OPEN' || a.escalatedAt) return 0;
      await tx.monitorAlert.update({ where: { id }, data: { escalatedAt: now } });
      const compliance = await tx.user.findMany({ where: { orgId: a.orgId, role: 'COMPLIANCE_OFFICER', active: true }, select: { id: true } });
      const model = a.monitor.version.model;
      const to = [model.businessOwnerId, model.system.businessOwnerId, ...compliance.map((u) => u.id)].filter((x): x is string => !!x);
      const title = `Escalated — ${alertTitle(a, `${model.name} ${a.monitor.version.label}`)}`;
      await recordEvent(tx, actor, { action: 'monitoring.alert_escalated', entityType: 'monitoring_alert', entityId: id, after: { escalatedAt: now.toISOString(), openedAt: a.openedAt.toISOString(), notified: to.length } });
      await notify(tx, { orgId: a.orgId, userIds: to, kind: 'monitoring.escalation', title, body: `Open and unacknowledged since ${a.openedAt.toISOString()}.`, link: monitorPath(a.monitor.versionId), entity: { type: 'monitoring_alert', id }, dedupeKey: `monitoring.escalation:${id}` });
      return 1;
    });
  }
  return escalated;
}
