import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { notifyMany } from '../notify';
import { loadRuleSettings } from '../rule-settings';
import type { RuleKey } from '../rules';
import { peopleOf, REMINDER_SOURCES } from './sources';

/**
 * Computes every enabled reminder rule of the organisation at `now` and writes
 * the inbox rows, one transaction per rule with one audit event
 * (`notification.reminders_sent`) when it created any. Idempotent: each
 * reminder's dedupe key names its record, due date and stage. Run by the
 * `notifications.send-reminders` job; resolves how many rows each rule created.
 */
export async function sendReminders(actor: Actor, now: Date): Promise<Partial<Record<RuleKey, number>>> {
  authorize(actor, 'notifications:rules');
  const [settings, people] = await Promise.all([loadRuleSettings(actor.orgId), peopleOf(actor.orgId)]);
  const created: Partial<Record<RuleKey, number>> = {};
  for (const [key, source] of Object.entries(REMINDER_SOURCES) as [RuleKey, NonNullable<(typeof REMINDER_SOURCES)[RuleKey]>][]) {
    const setting = settings[key];
    if (!setting.enabled) continue;
    const inputs = await source({ orgId: actor.orgId, now, setting, people });
    if (!inputs.length) {
      created[key] = 0;
      continue;
    }
    created[key] = await db.$transaction(
      async (tx) => {
        const n = await notifyMany(tx, inputs);
        if (n) {
          await recordEvent(tx, actor, {
            action: 'notification.reminders_sent',
            entityType: 'notification_rule',
            entityId: key,
            changes: { created: n, reminders: inputs.length, at: now.toISOString() },
          });
        }
        return n;
      },
      { timeout: 120_000 },
    );
  }
  return created;
}
