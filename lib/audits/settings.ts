import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { auditSettingsSchema, DEFAULT_AUDIT_SETTINGS, type AuditSettings } from './schema';

// The Setting table is deployment-wide, so each organisation's audit
// settings live under their own key.
const settingKey = (orgId: string) => `audits:${orgId}`;

export async function readAuditSettings(orgId: string): Promise<AuditSettings> {
  const row = await db.setting.findUnique({ where: { key: settingKey(orgId) }, select: { value: true } });
  if (!row) return DEFAULT_AUDIT_SETTINGS;
  const parsed = auditSettingsSchema.safeParse({ ...DEFAULT_AUDIT_SETTINGS, ...(row.value as object) });
  return parsed.success ? parsed.data : DEFAULT_AUDIT_SETTINGS;
}

export async function getAuditSettings(actor: Actor): Promise<AuditSettings> {
  authorize(actor, 'audits:read');
  return readAuditSettings(actor.orgId);
}

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
