import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, inTransaction, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { AppError, notFound } from '@/lib/errors';
import { nextDue } from '../logic/rules';
import { assignOwnerSchema, createFrameworkSchema, createRequirementSchema, updateFrameworkSchema, updateRequirementSchema, type AssignOwnerInput, type CreateFrameworkInput, type CreateRequirementInput, type UpdateRequirementInput } from '../schema/library';
import { assertUserInOrg, frameworkByKey } from './lookups';

export async function createFramework(actor: Actor, input: CreateFrameworkInput) {
  authorize(actor, 'library:manage');
  const data = createFrameworkSchema.parse(input);
  return db.$transaction(async (tx) => {
    const exists = await tx.framework.findUnique({ where: { orgId_key: { orgId: actor.orgId, key: data.key } }, select: { id: true } });
    if (exists) throw new AppError('CONFLICT', `A framework with the key "${data.key}" already exists.`, { fieldErrors: { key: ['Already in use'] } });
    const f = await tx.framework.create({
      data: { orgId: actor.orgId, key: data.key, name: data.name, kind: data.kind, jurisdiction: data.jurisdiction, version: data.version, sourceRef: data.sourceRef ?? null, description: data.description ?? null, isCustom: true },
      select: { id: true, key: true, name: true },
    });
    await recordEvent(tx, actor, { action: 'framework.created', entityType: 'framework', entityId: f.id, after: { ...data } });
    return f;
  });
}

export async function updateFramework(actor: Actor, input: { id: string } & Partial<CreateFrameworkInput>) {
  authorize(actor, 'library:manage');
  const { id, ...data } = updateFrameworkSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.framework.findFirst({ where: { id, orgId: actor.orgId }, select: { name: true, kind: true, jurisdiction: true, version: true, sourceRef: true, description: true } });
    if (!before) throw notFound('The framework');
    const after = await tx.framework.update({ where: { id }, data, select: { name: true, kind: true, jurisdiction: true, version: true, sourceRef: true, description: true } });
    await recordEvent(tx, actor, { action: 'framework.updated', entityType: 'framework', entityId: id, before, after });
    return { id, ...after };
  });
}

export async function createRequirement(actor: Actor, input: CreateRequirementInput) {
  authorize(actor, 'library:manage');
  const data = createRequirementSchema.parse(input);
  return db.$transaction(async (tx) => {
    const f = await frameworkByKey(tx, actor, data.frameworkKey);
    await assertUserInOrg(tx, actor.orgId, data.ownerId, 'ownerId');
    const dup = await tx.requirement.findUnique({ where: { frameworkId_ref: { frameworkId: f.id, ref: data.ref } }, select: { id: true } });
    if (dup) throw new AppError('CONFLICT', `${data.frameworkKey} already has a requirement "${data.ref}".`, { fieldErrors: { ref: ['Duplicate reference'] } });
    const last = await tx.requirement.aggregate({ where: { frameworkId: f.id }, _max: { position: true } });
    const r = await tx.requirement.create({
      data: {
        position: (last._max.position ?? 0) + 1,
        orgId: actor.orgId, frameworkId: f.id, ref: data.ref, title: data.title, summary: data.summary, group: data.group ?? null, area: data.area,
        aiSpecific: data.aiSpecific, ownerId: data.ownerId ?? null, reviewCadenceDays: data.reviewCadenceDays, nextReviewDue: nextDue(new Date(), data.reviewCadenceDays),
      },
      select: { id: true, ref: true, title: true },
    });
    await recordEvent(tx, actor, { action: 'requirement.created', entityType: 'requirement', entityId: r.id, after: { ...data } });
    return r;
  });
}

const TEXT_FIELDS = ['title', 'summary', 'group', 'area', 'aiSpecific'] as const;

/** Edits a requirement. Editing shipped text marks it customised so a library reload will not overwrite it. */
export async function updateRequirement(actor: Actor, input: UpdateRequirementInput, outer?: Tx) {
  authorize(actor, 'library:manage');
  const { id, ...data } = updateRequirementSchema.parse(input);
  return inTransaction(outer, async (tx) => {
    const before = await tx.requirement.findFirst({
      where: { id, orgId: actor.orgId },
      select: { title: true, summary: true, group: true, area: true, aiSpecific: true, reviewCadenceDays: true, statusFromControls: true, libraryVersion: true, lastReviewedAt: true, createdAt: true },
    });
    if (!before) throw notFound('The requirement');
    const textChanged = TEXT_FIELDS.some((k) => data[k] !== undefined && data[k] !== before[k]);
    const cadenceChanged = data.reviewCadenceDays !== undefined && data.reviewCadenceDays !== before.reviewCadenceDays;
    const after = await tx.requirement.update({
      where: { id },
      data: {
        ...data,
        ...(textChanged ? { customised: true, editedAt: new Date() } : {}),
        // An edited summary replaces the imported structured statement.
        ...(data.summary !== undefined && data.summary !== before.summary ? { statement: Prisma.DbNull } : {}),
        ...(cadenceChanged ? { nextReviewDue: nextDue(before.lastReviewedAt ?? before.createdAt, data.reviewCadenceDays!) } : {}),
      },
      select: { title: true, summary: true, group: true, area: true, aiSpecific: true, reviewCadenceDays: true, statusFromControls: true, customised: true },
    });
    const { libraryVersion: _lv, lastReviewedAt: _lr, createdAt: _c, ...b } = before;
    await recordEvent(tx, actor, { action: 'requirement.updated', entityType: 'requirement', entityId: id, before: b, after });
    return { id, ...after };
  }, { timeout: 60_000 });
}

/** Bulk (re)assignment of owners for requirements or controls; one event per item, one reason. */
export async function assignOwners(actor: Actor, input: AssignOwnerInput) {
  authorize(actor, 'library:manage');
  const data = assignOwnerSchema.parse(input);
  return db.$transaction(
    async (tx) => {
      await assertUserInOrg(tx, actor.orgId, data.ownerId, 'ownerId');
      const ids = [...new Set(data.ids)];
      const rows =
        data.kind === 'requirement'
          ? await tx.requirement.findMany({ where: { id: { in: ids }, orgId: actor.orgId }, select: { id: true, ownerId: true } })
          : await tx.control.findMany({ where: { id: { in: ids }, orgId: actor.orgId }, select: { id: true, ownerId: true } });
      if (rows.length !== ids.length) throw notFound(`${ids.length - rows.length} of the selected items`);
      if (data.kind === 'requirement') await tx.requirement.updateMany({ where: { id: { in: ids } }, data: { ownerId: data.ownerId } });
      else await tx.control.updateMany({ where: { id: { in: ids } }, data: { ownerId: data.ownerId } });
      for (const r of rows) {
        if (r.ownerId === data.ownerId) continue;
        await recordEvent(tx, actor, { action: `${data.kind}.owner_changed`, entityType: data.kind, entityId: r.id, changes: { ownerId: { from: r.ownerId, to: data.ownerId } }, reason: data.reason ?? null });
      }
      return { updated: rows.length, ownerId: data.ownerId };
    },
    { timeout: 60_000 },
  );
}
