import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { auditSettingKey as settingKey } from '@/lib/auth/scope';
import { auditSettingsSchema, DEFAULT_AUDIT_SETTINGS, type AuditSettings } from './schema';

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
