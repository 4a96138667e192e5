import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { privacySettingsFormSchema } from './schema';

/** The organisation's privacy settings (the public request form is closed until someone opens it). */
export async function getPrivacySettings(actor: Actor) {
  authorize(actor, 'privacy:read');
  const [settings, org] = await Promise.all([
    db.privacySettings.findUnique({ where: { orgId: actor.orgId }, select: { publicFormEnabled: true } }),
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { slug: true } }),
  ]);
  return { publicFormEnabled: settings?.publicFormEnabled ?? false, publicFormPath: `/privacy-request/${org.slug}`, capabilities: { manage: can(actor, 'privacy:manage') } };
}

export async function updatePrivacySettings(actor: Actor, input: { publicFormEnabled?: unknown }) {
  authorize(actor, 'privacy:manage');
  const { publicFormEnabled } = privacySettingsFormSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.privacySettings.findUnique({ where: { orgId: actor.orgId }, select: { publicFormEnabled: true } });
    await tx.privacySettings.upsert({ where: { orgId: actor.orgId }, create: { orgId: actor.orgId, publicFormEnabled }, update: { publicFormEnabled } });
    await recordEvent(tx, actor, { action: 'privacy.settings_updated', entityType: 'privacy-settings', entityId: actor.orgId, before: { publicFormEnabled: before?.publicFormEnabled ?? false }, after: { publicFormEnabled } });
    return { publicFormEnabled };
  });
}
