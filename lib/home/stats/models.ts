import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import type { HomeStat } from './stat';

/** The model registry at a glance. */
export async function modelsHomeStats(actor: Actor): Promise<HomeStat[]> {
  if (!can(actor, 'models:read')) return [];
  const [production, pending, models] = await Promise.all([
    db.modelVersion.count({ where: { orgId: actor.orgId, stage: 'PRODUCTION' } }),
    db.modelVersion.count({ where: { orgId: actor.orgId, stage: 'PENDING_APPROVAL' } }),
    db.model.count({ where: { orgId: actor.orgId } }),
  ]);
  return [
    { label: 'Models registered', value: models, href: '/models' },
    { label: 'Model versions in production', value: production, href: '/models?stage=PRODUCTION', tone: 'good' },
    { label: 'Versions awaiting sign-off', value: pending, href: '/models?stage=PENDING_APPROVAL', tone: pending ? 'warn' : 'default' },
  ];
}
