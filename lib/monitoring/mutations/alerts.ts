import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { systemActor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { publishEvent } from '@/lib/events/publish';
import { reportIncident } from '@/lib/incidents/mutations';
import { notifyMany, type NotifyInput } from '@/lib/notifications/notify';
import type { Finding } from '../evaluate';
import { alertActionSchema, type AlertActionInput } from '../schema';
import { refreshMonitorHealth } from './health';
import type { LoadedMonitor } from './load';

export function alertKey(monitorId: string, kind: string, subject: string, attribute: string, group: string) {
  return `${monitorId}|${kind}|${subject}|${attribute}|${group}`;
}

export function alertTitle(a: { kind: string; level: string; subject: string; attribute: string; groupValue: string }, where: string) {
  const who = a.attribute ? ` for ${a.attribute} ${a.groupValue}` : '';
  if (a.kind === 'MISSING_DATA') return `No monitoring data from ${where}`;
  const what = a.kind === 'DRIFT' ? `drift of ${a.subject}` : a.subject;
  return `${a.level === 'BREACH' ? 'Breach' : 'Warning'}: ${what}${who} on ${where}`;
}

export function monitorPath(versionId: string) {
  return `/monitoring/${versionId}`;
}

type OpenAlert = { id: string; level: 'WARNING' | 'BREACH'; incidentId: string | null };

/**
 * Opens, raises (warning → breach) or refreshes the alerts of one window's
 * findings, in the ingestion's transaction. A fairness breach for a
 * protected group opens one incident through the incident domain, once per alert.
 */
export async function applyFindings(tx: Tx, actor: Actor, m: LoadedMonitor, windowId: string, endsAt: Date, findings: Finding[], open: Map<string, OpenAlert>) {
  const where = `${m.version.model.name} ${m.version.label}`;
  const notices: NotifyInput[] = [];
  let opened = 0;
  let raised = 0;
  let incidents = 0;
  for (const f of findings) {
    if (f.level === 'OK') continue;
    const key = alertKey(m.id, f.kind, f.subject, f.attribute, f.group);
    let alert = open.get(key);
    const base = { kind: f.kind, level: f.level, subject: f.subject, attribute: f.attribute, groupValue: f.group };
    const title = alertTitle(base, where);
    if (!alert) {
      const created = await tx.monitorAlert.create({
        data: { orgId: m.orgId, monitorId: m.id, ...base, value: f.value, threshold: f.threshold, warningAt: f.warningAt, windowId, openKey: key, ownerId: m.version.model.ownerId, openedAt: new Date(), lastSeenAt: endsAt },
        select: { id: true, level: true, incidentId: true },
      });
      alert = created;
      open.set(key, alert);
      opened++;
      await recordEvent(tx, actor, { action: 'monitoring.alert_opened', entityType: 'monitoring_alert', entityId: created.id, after: { ...base, value: f.value, threshold: f.threshold, monitorId: m.id, windowId } });
    } else if (alert.level === 'WARNING' && f.level === 'BREACH') {
      await tx.monitorAlert.update({ where: { id: alert.id }, data: { level: 'BREACH', value: f.value, threshold: f.threshold, windowId, lastSeenAt: endsAt } });
      await recordEvent(tx, actor, { action: 'monitoring.alert_raised', entityType: 'monitoring_alert', entityId: alert.id, before: { level: 'WARNING' }, after: { level: 'BREACH', value: f.value, windowId } });
      alert.level = 'BREACH';
      raised++;
    } else {
      continue;
    }
    notices.push({ orgId: m.orgId, userIds: [m.version.model.ownerId], kind: 'monitoring.alert', title, body: `${f.subject}: ${f.value.toFixed(4)} against ${f.threshold}`, link: monitorPath(m.versionId), entity: { type: 'monitoring_alert', id: alert.id }, dedupeKey: `monitoring.alert:${alert.id}:${f.level}` });
    await publishEvent(tx, actor, { type: 'monitoring.alert', entity: { type: 'monitoring_alert', id: alert.id }, data: { title, level: f.level, kind: f.kind, subject: f.subject, attribute: f.attribute, group: f.group, value: f.value, threshold: f.threshold, versionId: m.versionId, modelKey: m.version.model.key }, dedupeKey: `monitoring.alert:${alert.id}:${f.level}` });
    if (f.level === 'BREACH' && f.fairness && !alert.incidentId) {
      const incident = await reportIncident(
        systemActor(m.orgId, 'monitoring'),
        {
          title: `Fairness breach: ${f.subject} for ${f.attribute} ${f.group} on ${where}`.slice(0, 200),
          description: `Opened automatically by monitoring alert ${alert.id}: ${f.subject} for the protected group ${f.attribute} = ${f.group} was ${f.value.toFixed(4)} in the window ending ${endsAt.toISOString()}, past the threshold ${f.threshold}. Monitoring: ${monitorPath(m.versionId)}`,
          type: 'FAIRNESS_VIOLATION',
          detectedAt: new Date(Math.min(Date.now(), endsAt.getTime())),
          systemIds: [m.version.model.systemId],
          modelIds: [m.version.model.id],
          versionIds: [m.versionId],
          protectedGroup: true,
          ongoingImpact: true,
        },
        tx,
      );
      await tx.monitorAlert.update({ where: { id: alert.id }, data: { incidentId: incident.id } });
      await recordEvent(tx, actor, { action: 'monitoring.alert_incident_opened', entityType: 'monitoring_alert', entityId: alert.id, after: { incidentId: incident.id, versionId: m.versionId } });
      alert.incidentId = incident.id;
      incidents++;
    }
  }
  if (notices.length) await notifyMany(tx, notices);
  return { opened, raised, incidents };
}

export async function openAlertsOf(tx: Tx, monitorId: string): Promise<Map<string, OpenAlert>> {
  const rows = await tx.monitorAlert.findMany({ where: { monitorId, openKey: { not: null } }, select: { id: true, level: true, incidentId: true, openKey: true } });
  return new Map(rows.map((r) => [r.openKey!, { id: r.id, level: r.level, incidentId: r.incidentId }]));
}

/** Acknowledge (open → acknowledged) or resolve (open or acknowledged → resolved), with a note. */
export async function actOnAlert(actor: Actor, id: string, input: AlertActionInput) {
  const data = alertActionSchema.parse(input);
  return db.$transaction(async (tx) => {
    const alert = await tx.monitorAlert.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, status: true, monitorId: true, monitor: { select: { version: { select: { model: { select: { ownerId: true } } } } } } } });
    if (!alert) throw notFound('The alert');
    authorize(actor, 'monitoring:write', { ownerIds: [alert.monitor.version.model.ownerId] });
    const person = actor.userId;
    const now = new Date();
    if (data.action === 'acknowledge') {
      if (alert.status !== 'OPEN') throw new AppError('CONFLICT', `The alert is ${alert.status.toLowerCase()}: only an open alert can be acknowledged.`);
      await tx.monitorAlert.update({ where: { id }, data: { status: 'ACKNOWLEDGED', acknowledgedAt: now, acknowledgedById: person, acknowledgeNote: data.note } });
    } else {
      if (alert.status === 'RESOLVED') throw new AppError('CONFLICT', 'The alert is already resolved.');
      await tx.monitorAlert.update({ where: { id }, data: { status: 'RESOLVED', resolvedAt: now, resolvedById: person, resolveNote: data.note, openKey: null } });
      await refreshMonitorHealth(tx, alert.monitorId);
    }
    const status = data.action === 'acknowledge' ? 'ACKNOWLEDGED' : 'RESOLVED';
    await recordEvent(tx, actor, { action: `monitoring.alert_${data.action === 'acknowledge' ? 'acknowledged' : 'resolved'}`, entityType: 'monitoring_alert', entityId: id, before: { status: alert.status }, after: { status, note: data.note } });
    return { id, status, at: now.toISOString() };
  });
}

export function alertCapabilities(actor: Actor, a: { status: string; ownerId: string }) {
  const write = can(actor, 'monitoring:write', { ownerIds: [a.ownerId] });
  return { acknowledge: write && a.status === 'OPEN', resolve: write && a.status !== 'RESOLVED' };
}

export const newId = () => randomUUID();
