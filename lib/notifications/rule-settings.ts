import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { REMINDER_RULES, RULE_KEYS, defaultRuleSetting, updateRuleSchema, type RuleKey, type RuleSetting, type UpdateRuleInput } from './rules';

/** The organisation's setting of every rule: stored rows over the defaults. No gate: the jobs read it. */
export async function loadRuleSettings(orgId: string, tx: Tx | typeof db = db): Promise<Record<RuleKey, RuleSetting>> {
  const rows = await tx.notificationRule.findMany({ where: { orgId }, select: { key: true, enabled: true, leadDays: true } });
  const stored = new Map(rows.map((r) => [r.key, r]));
  return Object.fromEntries(
    RULE_KEYS.map((key) => {
      const row = stored.get(key);
      const def = defaultRuleSetting(key);
      const fixed = 'fixed' in REMINDER_RULES[key] && REMINDER_RULES[key].fixed;
      return [key, row ? { key, enabled: fixed ? true : row.enabled, leadDays: def.leadDays.length ? row.leadDays : [] } : def];
    }),
  ) as Record<RuleKey, RuleSetting>;
}

/** Admin → Notification rules. */
export async function listReminderRules(actor: Actor) {
  authorize(actor, 'notifications:rules');
  const settings = await loadRuleSettings(actor.orgId);
  return RULE_KEYS.map((key) => {
    const def = REMINDER_RULES[key];
    return {
      key,
      label: def.label,
      description: def.description,
      kind: def.kind,
      enabled: settings[key].enabled,
      leadDays: settings[key].leadDays,
      defaultLeadDays: [...def.leadDays],
      leadLabel: 'leadLabel' in def ? def.leadLabel : null,
      fixed: 'fixed' in def ? def.fixed : false,
    };
  });
}

/** Turns a rule on or off and sets its lead times; audited with what changed. */
export async function updateReminderRule(actor: Actor, input: UpdateRuleInput) {
  authorize(actor, 'notifications:rules');
  const parsed = updateRuleSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = (await loadRuleSettings(actor.orgId, tx))[parsed.key];
    const leadDays = REMINDER_RULES[parsed.key].leadDays.length ? (parsed.leadDays ?? before.leadDays) : [];
    const after = { enabled: parsed.enabled, leadDays };
    await tx.notificationRule.upsert({
      where: { orgId_key: { orgId: actor.orgId, key: parsed.key } },
      create: { orgId: actor.orgId, key: parsed.key, ...after, updatedById: actor.userId },
      update: { ...after, updatedById: actor.userId },
    });
    await recordEvent(tx, actor, {
      action: 'notification_rule.updated',
      entityType: 'notification_rule',
      entityId: parsed.key,
      before: { enabled: before.enabled, leadDays: before.leadDays.join(',') },
      after: { enabled: after.enabled, leadDays: after.leadDays.join(',') },
    });
    return { key: parsed.key, ...after };
  });
}
