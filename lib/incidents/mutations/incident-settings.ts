import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, inTransaction, type Tx } from '@/lib/db';
import { DEFAULT_NOTIFICATION_RULES, DEFAULT_RESPONSE_TARGETS, FACT_KEYS } from '../clocks';
import { notificationRuleSchema, responseTargetSchema } from '../schema';
import { invalid } from './checks';

export async function saveResponseTarget(actor: Actor, input: z.input<typeof responseTargetSchema>) {
  authorize(actor, 'settings:manage');
  const data = responseTargetSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.incidentResponseTarget.findUnique({ where: { orgId_severity: { orgId: actor.orgId, severity: data.severity } }, select: { ackMinutes: true, containMinutes: true, resolveMinutes: true } });
    const fallback = DEFAULT_RESPONSE_TARGETS.find((t) => t.severity === data.severity)!;
    const values = { ackMinutes: data.ackMinutes, containMinutes: data.containMinutes, resolveMinutes: data.resolveMinutes };
    await tx.incidentResponseTarget.upsert({
      where: { orgId_severity: { orgId: actor.orgId, severity: data.severity } },
      create: { orgId: actor.orgId, severity: data.severity, ...values },
      update: values,
    });
    await recordEvent(tx, actor, {
      action: 'incident.response_target_changed',
      entityType: 'incident-settings',
      entityId: data.severity,
      before: before ?? { ackMinutes: fallback.ackMinutes, containMinutes: fallback.containMinutes, resolveMinutes: fallback.resolveMinutes },
      after: values,
    });
    return { severity: data.severity, ...values };
  });
}

/** Stores the shipped rules for the org the first time an admin edits any. */
async function ensureRules(tx: Tx, orgId: string) {
  const count = await tx.incidentNotificationRule.count({ where: { orgId } });
  if (count) return;
  await tx.incidentNotificationRule.createMany({
    data: DEFAULT_NOTIFICATION_RULES.map((r) => ({ ...r, whenAll: [...r.whenAll], whenAny: [...r.whenAny], orgId })),
  });
}

export async function saveNotificationRule(actor: Actor, input: z.input<typeof notificationRuleSchema>) {
  authorize(actor, 'settings:manage');
  const data = notificationRuleSchema.parse(input);
  const unknown = [...data.whenAll, ...data.whenAny].filter((f) => !(FACT_KEYS as string[]).includes(f));
  if (unknown.length) throw invalid('whenAll', `Unknown fact: ${unknown.join(', ')}. Use: ${FACT_KEYS.join(', ')}.`);
  return db.$transaction(async (tx) => {
    await ensureRules(tx, actor.orgId);
    const before = await tx.incidentNotificationRule.findUnique({
      where: { orgId_key: { orgId: actor.orgId, key: data.key } },
      select: { name: true, regulation: true, recipient: true, hours: true, group: true, whenAll: true, whenAny: true, active: true },
    });
    const { key, ...values } = data;
    await tx.incidentNotificationRule.upsert({ where: { orgId_key: { orgId: actor.orgId, key } }, create: { orgId: actor.orgId, key, ...values }, update: values });
    await recordEvent(tx, actor, { action: before ? 'incident.rule_changed' : 'incident.rule_added', entityType: 'incident-rule', entityId: key, before, after: values });
    return { key };
  });
}

export async function ensureIncidentDefaults(actor: Actor, outer?: Tx) {
  authorize(actor, 'settings:manage');
  return inTransaction(outer, (tx) => ensureRules(tx, actor.orgId));
}
