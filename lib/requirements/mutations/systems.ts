import 'server-only';
import { assertActiveMember } from '@/lib/auth/org';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { shippedLibrary } from '../library-data';
import { suggestFrameworks } from '../logic/rules';
import { setSystemFrameworksSchema, systemInputSchema, updateSystemSchema, type SystemInput } from '../schema/systems';

async function applyFrameworkKeys(tx: Tx, actor: Actor, systemId: string, keys: string[], confirmed: boolean) {
  const frameworks = await tx.framework.findMany({ where: { orgId: actor.orgId, key: { in: keys } }, select: { id: true, key: true } });
  const unknown = keys.filter((k) => !frameworks.some((f) => f.key === k));
  if (unknown.length && confirmed) throw new AppError('VALIDATION', `Unknown framework key${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, { fieldErrors: { frameworkKeys: unknown.map((k) => `Unknown framework key "${k}"`) } });
  await tx.systemFramework.deleteMany({ where: { systemId, frameworkId: { notIn: frameworks.map((f) => f.id) } } });
  for (const f of frameworks) {
    await tx.systemFramework.upsert({
      where: { systemId_frameworkId: { systemId, frameworkId: f.id } },
      create: { systemId, frameworkId: f.id, orgId: actor.orgId, confirmed, confirmedById: confirmed ? actor.userId : null, confirmedAt: confirmed ? new Date() : null },
      update: confirmed ? { confirmed, confirmedById: actor.userId, confirmedAt: new Date() } : {},
    });
  }
  return frameworks.map((f) => f.key);
}

/** Creates an AI system; its applicable frameworks start as suggestions for a compliance officer to confirm. */
export async function createSystem(actor: Actor, input: SystemInput) {
  authorize(actor, 'systems:manage');
  const data = systemInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    if (data.businessOwnerId) await assertActiveMember(tx, actor.orgId, data.businessOwnerId, 'businessOwnerId');
    if (data.technicalOwnerId) await assertActiveMember(tx, actor.orgId, data.technicalOwnerId, 'technicalOwnerId');
    const dup = await tx.aISystem.findUnique({ where: { orgId_name: { orgId: actor.orgId, name: data.name } }, select: { id: true } });
    if (dup) throw new AppError('CONFLICT', `An AI system named "${data.name}" already exists.`, { fieldErrors: { name: ['Already in use'] } });
    const { cardPayments, ...fields } = data;
    const s = await tx.aISystem.create({
      data: { ...fields, orgId: actor.orgId, businessOwnerId: data.businessOwnerId ?? null, technicalOwnerId: data.technicalOwnerId ?? null },
      select: { id: true, name: true },
    });
    const suggested = await applyFrameworkKeys(tx, actor, s.id, suggestFrameworks({ ...data, cardPayments }, shippedLibrary().frameworks), false);
    await recordEvent(tx, actor, { action: 'ai_system.created', entityType: 'ai_system', entityId: s.id, after: { ...fields, suggestedFrameworks: suggested } });
    return { ...s, suggestedFrameworks: suggested };
  });
}

export async function updateSystem(actor: Actor, input: Partial<SystemInput> & { id: string }) {
  authorize(actor, 'systems:manage');
  const { id, cardPayments: _cp, ...data } = updateSystemSchema.parse(input);
  return db.$transaction(async (tx) => {
    const sel = { name: true, purpose: true, domain: true, regions: true, riskTier: true, roles: true, status: true, businessOwnerId: true, technicalOwnerId: true } as const;
    const before = await tx.aISystem.findFirst({ where: { id, orgId: actor.orgId }, select: sel });
    if (!before) throw notFound('The AI system');
    if (data.businessOwnerId) await assertActiveMember(tx, actor.orgId, data.businessOwnerId, 'businessOwnerId');
    if (data.technicalOwnerId) await assertActiveMember(tx, actor.orgId, data.technicalOwnerId, 'technicalOwnerId');
    const after = await tx.aISystem.update({ where: { id }, data, select: sel });
    await recordEvent(tx, actor, { action: 'ai_system.updated', entityType: 'ai_system', entityId: id, before, after });
    return { id, ...after };
  });
}

/** A compliance officer confirms which frameworks apply to a system. */
export async function setSystemFrameworks(actor: Actor, input: { systemId: string; frameworkKeys: string[] | string }) {
  authorize(actor, 'systems:manage');
  const data = setSystemFrameworksSchema.parse(input);
  return db.$transaction(async (tx) => {
    const s = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true, frameworks: { select: { framework: { select: { key: true } } } } } });
    if (!s) throw notFound('The AI system');
    const before = s.frameworks.map((f) => f.framework.key).sort();
    const keys = await applyFrameworkKeys(tx, actor, s.id, [...new Set(data.frameworkKeys)], true);
    await recordEvent(tx, actor, { action: 'ai_system.frameworks_confirmed', entityType: 'ai_system', entityId: s.id, before: { frameworks: before }, after: { frameworks: keys.sort() } });
    return { systemId: s.id, frameworkKeys: keys };
  });
}
