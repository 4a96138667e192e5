import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { controlInputSchema, mappingInputSchema, updateControlSchema, type ControlInput, type MappingInput } from '../schema/controls';
import { assertUserInOrg, frameworkByKey } from './lookups';

export async function createControl(actor: Actor, input: ControlInput) {
  authorize(actor, 'library:manage');
  const data = controlInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    await assertUserInOrg(tx, actor.orgId, data.ownerId, 'ownerId');
    const dup = await tx.control.findUnique({ where: { orgId_key: { orgId: actor.orgId, key: data.key } }, select: { id: true } });
    if (dup) throw new AppError('CONFLICT', `A control with the key "${data.key}" already exists.`, { fieldErrors: { key: ['Already in use'] } });
    const c = await tx.control.create({
      data: { orgId: actor.orgId, key: data.key, name: data.name, description: data.description ?? null, area: data.area ?? null, ownerId: data.ownerId ?? null, status: data.status },
      select: { id: true, key: true, name: true },
    });
    await recordEvent(tx, actor, { action: 'control.created', entityType: 'control', entityId: c.id, after: { ...data } });
    return c;
  });
}

/** Compliance edits anything; a control's owner may update its implementation status. */
export async function updateControl(actor: Actor, input: Partial<ControlInput> & { id: string }) {
  const { id, ...data } = updateControlSchema.parse(input);
  return db.$transaction(async (tx) => {
    const sel = { name: true, description: true, area: true, ownerId: true, status: true } as const;
    const before = await tx.control.findFirst({ where: { id, orgId: actor.orgId }, select: sel });
    if (!before) throw notFound('The control');
    const onlyStatus = Object.entries(data).every(([k, v]) => k === 'status' || v === undefined);
    authorize(actor, onlyStatus ? 'matrix:edit' : 'library:manage', { ownerIds: onlyStatus ? [before.ownerId] : [] });
    await assertUserInOrg(tx, actor.orgId, data.ownerId, 'ownerId');
    const after = await tx.control.update({ where: { id }, data, select: sel });
    await recordEvent(tx, actor, { action: 'control.updated', entityType: 'control', entityId: id, before, after });
    return { id, ...after };
  });
}

export async function addMapping(actor: Actor, input: MappingInput) {
  authorize(actor, 'library:manage');
  const data = mappingInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    const control = await tx.control.findFirst({ where: { id: data.controlId, orgId: actor.orgId }, select: { id: true, key: true } });
    if (!control) throw notFound('The control');
    const f = await frameworkByKey(tx, actor, data.frameworkKey);
    const req = await tx.requirement.findUnique({ where: { frameworkId_ref: { frameworkId: f.id, ref: data.ref } }, select: { id: true } });
    if (!req) throw new AppError('VALIDATION', `${data.frameworkKey} has no requirement "${data.ref}".`, { fieldErrors: { ref: ['No such requirement in that framework'] } });
    const dup = await tx.controlMapping.findUnique({ where: { controlId_requirementId: { controlId: control.id, requirementId: req.id } }, select: { id: true } });
    if (dup) throw new AppError('CONFLICT', `${control.key} is already mapped to ${data.frameworkKey} ${data.ref}.`);
    const m = await tx.controlMapping.create({ data: { orgId: actor.orgId, controlId: control.id, requirementId: req.id, relationship: data.relationship, rationale: data.rationale }, select: { id: true } });
    await recordEvent(tx, actor, { action: 'control.mapped', entityType: 'control', entityId: control.id, after: { requirement: `${data.frameworkKey} ${data.ref}`, relationship: data.relationship, rationale: data.rationale } });
    return { id: m.id, controlId: control.id, requirementId: req.id };
  });
}

export async function removeMapping(actor: Actor, id: string) {
  authorize(actor, 'library:manage');
  return db.$transaction(async (tx) => {
    const m = await tx.controlMapping.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, controlId: true, relationship: true, rationale: true, requirement: { select: { ref: true, framework: { select: { key: true } } } } } });
    if (!m) throw notFound('The mapping');
    await tx.controlMapping.delete({ where: { id } });
    await recordEvent(tx, actor, { action: 'control.unmapped', entityType: 'control', entityId: m.controlId, before: { requirement: `${m.requirement.framework.key} ${m.requirement.ref}`, relationship: m.relationship, rationale: m.rationale } });
    return { id };
  });
}
