import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, inTransaction, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { AppError, notFound } from '@/lib/errors';
import { nextDue, suggestFrameworks } from './logic';
import {
  assignOwnerSchema,
  bulkUpdateCellsSchema,
  controlInputSchema,
  createFrameworkSchema,
  createRequirementSchema,
  mappingInputSchema,
  quarterOf,
  recordReviewSchema,
  setSystemFrameworksSchema,
  systemInputSchema,
  updateCellSchema,
  updateControlSchema,
  updateFrameworkSchema,
  updateRequirementSchema,
  updateSystemSchema,
  type AssignOwnerInput,
  type BulkUpdateCellsInput,
  type ControlInput,
  type CreateFrameworkInput,
  type CreateRequirementInput,
  type MappingInput,
  type RecordReviewInput,
  type SystemInput,
  type UpdateCellInput,
  type UpdateRequirementInput,
} from './schema';

async function assertUserInOrg(tx: Tx, orgId: string, userId: string | null | undefined, field: string) {
  if (!userId) return;
  const u = await tx.user.findFirst({ where: { id: userId, orgId, active: true }, select: { id: true } });
  if (!u) throw new AppError('VALIDATION', 'That owner is not an active user of this organisation.', { fieldErrors: { [field]: ['Unknown or inactive user'] } });
}

// ---------- matrix cells ----------

type CellTarget = { requirementId: string; systemId: string };

async function loadCellTargets(tx: Tx, actor: Actor, targets: CellTarget[]) {
  const reqIds = [...new Set(targets.map((t) => t.requirementId))];
  const sysIds = [...new Set(targets.map((t) => t.systemId))];
  const [reqs, systems] = await Promise.all([
    tx.requirement.findMany({ where: { id: { in: reqIds }, orgId: actor.orgId }, select: { id: true, ref: true, ownerId: true, statusFromControls: true } }),
    tx.aISystem.findMany({ where: { id: { in: sysIds }, orgId: actor.orgId }, select: { id: true, name: true, technicalOwnerId: true, businessOwnerId: true } }),
  ]);
  const reqMap = new Map(reqs.map((r) => [r.id, r]));
  const sysMap = new Map(systems.map((s) => [s.id, s]));
  return targets.map((t) => {
    const requirement = reqMap.get(t.requirementId);
    const system = sysMap.get(t.systemId);
    if (!requirement) throw notFound('The requirement');
    if (!system) throw notFound('The AI system');
    // Owners of the requirement or of the system may assess the cell.
    authorize(actor, 'matrix:edit', { ownerIds: [requirement.ownerId, system.technicalOwnerId, system.businessOwnerId] });
    if (requirement.statusFromControls) {
      throw new AppError('CONFLICT', `${requirement.ref} takes its status from its controls; change the controls, or switch that off on the requirement.`);
    }
    return { requirement, system };
  });
}

const cellSelect = { id: true, status: true, notes: true, justification: true, evidenceUrl: true } as const;

/** Sets one cell (creating it on first assessment); the change and its audit event commit together. */
export async function updateCell(actor: Actor, input: UpdateCellInput, outer?: Tx) {
  const data = updateCellSchema.parse(input);
  return inTransaction(outer, async (tx) => {
    await loadCellTargets(tx, actor, [data]);
    const before = await tx.matrixCell.findUnique({ where: { requirementId_systemId: { requirementId: data.requirementId, systemId: data.systemId } }, select: cellSelect });
    const values = {
      status: data.status,
      notes: data.notes ?? null,
      justification: data.status === 'NOT_APPLICABLE' ? (data.justification ?? null) : (data.justification ?? null),
      evidenceUrl: data.evidenceUrl ?? null,
      assessedById: actor.userId,
      assessedAt: new Date(),
    };
    const cell = await tx.matrixCell.upsert({
      where: { requirementId_systemId: { requirementId: data.requirementId, systemId: data.systemId } },
      create: { orgId: actor.orgId, requirementId: data.requirementId, systemId: data.systemId, ...values },
      update: values,
      select: cellSelect,
    });
    const strip = (c: typeof before) => (c ? { status: c.status, notes: c.notes, justification: c.justification, evidenceUrl: c.evidenceUrl } : { status: 'NOT_ASSESSED' });
    await recordEvent(tx, actor, {
      action: 'matrix_cell.updated',
      entityType: 'matrix_cell',
      entityId: cell.id,
      before: strip(before),
      after: { ...strip(cell), requirementId: data.requirementId, systemId: data.systemId },
      reason: data.reason ?? null,
    });
    return { ...cell, requirementId: data.requirementId, systemId: data.systemId };
  }, { timeout: 60_000 });
}

/** Sets many cells to one status with one reason; all or nothing (one refused cell refuses the lot). */
export async function bulkUpdateCells(actor: Actor, input: BulkUpdateCellsInput) {
  const data = bulkUpdateCellsSchema.parse(input);
  const unique = [...new Map(data.cells.map((c) => [`${c.requirementId}|${c.systemId}`, c])).values()];
  return db.$transaction(
    async (tx) => {
      await loadCellTargets(tx, actor, unique);
      const existing = await tx.matrixCell.findMany({
        where: { orgId: actor.orgId, OR: unique.map((c) => ({ requirementId: c.requirementId, systemId: c.systemId })) },
        select: { id: true, requirementId: true, systemId: true, status: true },
      });
      const exMap = new Map(existing.map((c) => [`${c.requirementId}|${c.systemId}`, c]));
      const now = new Date();
      const values = { status: data.status, justification: data.justification ?? null, assessedById: actor.userId, assessedAt: now };
      const missing = unique.filter((c) => !exMap.has(`${c.requirementId}|${c.systemId}`));
      if (missing.length) {
        await tx.matrixCell.createMany({ data: missing.map((c) => ({ orgId: actor.orgId, requirementId: c.requirementId, systemId: c.systemId, ...values })) });
      }
      if (existing.length) await tx.matrixCell.updateMany({ where: { id: { in: existing.map((c) => c.id) } }, data: values });
      const all = await tx.matrixCell.findMany({ where: { orgId: actor.orgId, OR: unique.map((c) => ({ requirementId: c.requirementId, systemId: c.systemId })) }, select: { id: true, requirementId: true, systemId: true } });
      for (const c of all) {
        const prev = exMap.get(`${c.requirementId}|${c.systemId}`);
        await recordEvent(tx, actor, {
          action: 'matrix_cell.updated',
          entityType: 'matrix_cell',
          entityId: c.id,
          changes: { status: { from: prev?.status ?? 'NOT_ASSESSED', to: data.status }, ...(data.justification ? { justification: { from: null, to: data.justification } } : {}), bulk: unique.length },
          reason: data.reason,
        });
      }
      return { updated: unique.length, status: data.status };
    },
    { timeout: 120_000 },
  );
}

// ---------- frameworks and requirements ----------

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

async function frameworkByKey(tx: Tx, actor: Actor, key: string, field = 'frameworkKey') {
  const f = await tx.framework.findUnique({ where: { orgId_key: { orgId: actor.orgId, key } }, select: { id: true, key: true } });
  if (!f) throw new AppError('VALIDATION', `Unknown framework key "${key}".`, { fieldErrors: { [field]: [`Unknown framework key "${key}"`] } });
  return f;
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

// ---------- AI systems ----------

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
    await assertUserInOrg(tx, actor.orgId, data.businessOwnerId, 'businessOwnerId');
    await assertUserInOrg(tx, actor.orgId, data.technicalOwnerId, 'technicalOwnerId');
    const dup = await tx.aISystem.findUnique({ where: { orgId_name: { orgId: actor.orgId, name: data.name } }, select: { id: true } });
    if (dup) throw new AppError('CONFLICT', `An AI system named "${data.name}" already exists.`, { fieldErrors: { name: ['Already in use'] } });
    const { cardPayments, ...fields } = data;
    const s = await tx.aISystem.create({
      data: { ...fields, orgId: actor.orgId, businessOwnerId: data.businessOwnerId ?? null, technicalOwnerId: data.technicalOwnerId ?? null },
      select: { id: true, name: true },
    });
    const suggested = await applyFrameworkKeys(tx, actor, s.id, suggestFrameworks({ ...data, cardPayments }), false);
    await recordEvent(tx, actor, { action: 'ai_system.created', entityType: 'ai_system', entityId: s.id, after: { ...fields, suggestedFrameworks: suggested } });
    return { ...s, suggestedFrameworks: suggested };
  });
}

export async function updateSystem(actor: Actor, input: Partial<SystemInput> & { id: string }) {
  authorize(actor, 'systems:manage');
  const { id, cardPayments: _cp, ...data } = updateSystemSchema.parse(input);
  return db.$transaction(async (tx) => {
    const sel = { name: true, purpose: true, domain: true, regions: true, riskTier: true, status: true, businessOwnerId: true, technicalOwnerId: true } as const;
    const before = await tx.aISystem.findFirst({ where: { id, orgId: actor.orgId }, select: sel });
    if (!before) throw notFound('The AI system');
    await assertUserInOrg(tx, actor.orgId, data.businessOwnerId, 'businessOwnerId');
    await assertUserInOrg(tx, actor.orgId, data.technicalOwnerId, 'technicalOwnerId');
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

// ---------- controls and mappings ----------

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

// ---------- reviews ----------

/** The owner (or compliance) attests a review; the next due date follows the cadence. */
export async function recordReview(actor: Actor, input: RecordReviewInput) {
  const data = recordReviewSchema.parse(input);
  return db.$transaction(async (tx) => {
    const r = await tx.requirement.findFirst({ where: { id: data.requirementId, orgId: actor.orgId }, select: { id: true, ownerId: true, reviewCadenceDays: true, nextReviewDue: true } });
    if (!r) throw notFound('The requirement');
    authorize(actor, 'reviews:record', { ownerIds: [r.ownerId] });
    const today = new Date();
    const reviewedAt = data.reviewedOn ? new Date(`${data.reviewedOn}T12:00:00Z`) : today;
    if (Number.isNaN(reviewedAt.getTime())) throw new AppError('VALIDATION', 'The review date is not a real date.', { fieldErrors: { reviewedOn: ['Not a real date'] } });
    if (reviewedAt.getTime() > today.getTime() + 86_400_000) throw new AppError('VALIDATION', 'The review date cannot be in the future.', { fieldErrors: { reviewedOn: ['In the future'] } });
    const quarter = quarterOf(reviewedAt);
    const review = await tx.requirementReview.create({
      data: { orgId: actor.orgId, requirementId: r.id, reviewerId: actor.userId, reviewerName: actor.name, outcome: data.outcome, notes: data.notes ?? null, reviewedAt, quarter },
      select: { id: true },
    });
    const next = nextDue(reviewedAt, r.reviewCadenceDays);
    await tx.requirement.update({ where: { id: r.id }, data: { lastReviewedAt: reviewedAt, nextReviewDue: next } });
    await recordEvent(tx, actor, {
      action: 'requirement.reviewed',
      entityType: 'requirement',
      entityId: r.id,
      changes: { outcome: data.outcome, quarter, reviewedAt: reviewedAt.toISOString(), nextReviewDue: { from: r.nextReviewDue?.toISOString() ?? null, to: next.toISOString() } },
      reason: data.notes ?? null,
    });
    return { id: review.id, quarter, nextReviewDue: next.toISOString() };
  });
}
