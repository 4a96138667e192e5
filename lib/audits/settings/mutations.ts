import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { auditSettingKey as settingKey } from '@/lib/auth/scope';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { readAuditSettings } from './queries';
import { auditSettingsSchema, type AuditSettings } from './schema';

export async function updateAuditSettings(actor: Actor, input: AuditSettings): Promise<AuditSettings> {
  authorize(actor, 'settings:manage');
  const data = auditSettingsSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await readAuditSettings(actor.orgId);
    if (data.internalAuditorIds.length) {
      const auditors = await tx.user.count({ where: { orgId: actor.orgId, role: 'AUDITOR', id: { in: data.internalAuditorIds } } });
      if (auditors !== new Set(data.internalAuditorIds).size) {
        throw new AppError('VALIDATION', 'Internal auditors must be users with the auditor role.', {
          fieldErrors: { internalAuditorIds: ['Choose users with the auditor role'] },
        });
      }
    }
    await tx.setting.upsert({ where: { key: settingKey(actor.orgId) }, create: { key: settingKey(actor.orgId), value: data }, update: { value: data } });
    await recordEvent(tx, actor, { action: 'audit_settings.updated', entityType: 'setting', entityId: settingKey(actor.orgId), before, after: data });
    return data;
  });
}
