import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { assertInOrg } from '@/lib/auth/org';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { atlas } from './atlas';
import {
  addThreatEntrySchema,
  createThreatModelSchema,
  removeThreatEntrySchema,
  updateThreatEntrySchema,
  updateThreatModelSchema,
  type AddThreatEntryInput,
  type CreateThreatModelInput,
} from './schema';

// Threat models: one per AI system, edited by compliance or the system's owners.

const invalid = (field: string, message: string) => new AppError('VALIDATION', `${field}: ${message}`, { fieldErrors: { [field]: [message] } });
const uniq = (ids: string[]) => [...new Set(ids)];

/** The system's owners hold threats:manage on its model (OWNER_PERMISSIONS). */
async function systemOwners(tx: Tx, orgId: string, systemId: string) {
  const s = await tx.aISystem.findFirst({ where: { id: systemId, orgId }, select: { businessOwnerId: true, technicalOwnerId: true } });
  if (!s) return null;
  return [s.businessOwnerId, s.technicalOwnerId].filter((x): x is string => !!x);
}

export async function createThreatModel(actor: Actor, input: CreateThreatModelInput) {
  const d = createThreatModelSchema.parse(input);
  return db.$transaction(async (tx) => {
    const owners = await systemOwners(tx, actor.orgId, d.systemId);
    if (!owners) throw invalid('systemId', 'Unknown AI system in this organisation');
    authorize(actor, 'threats:manage', { ownerIds: owners });
    if (await tx.threatModel.findUnique({ where: { systemId: d.systemId }, select: { id: true } })) throw new AppError('CONFLICT', 'This AI system already has a threat model: open it to add techniques.');
    const version = atlas().version;
    const m = await tx.threatModel.create({ data: { orgId: actor.orgId, systemId: d.systemId, components: uniq(d.components), summary: d.summary, atlasVersion: version }, select: { id: true } });
    await recordEvent(tx, actor, { action: 'threat_model.created', entityType: 'threat-model', entityId: m.id, before: null, after: { systemId: d.systemId, components: uniq(d.components), atlasVersion: version } });
    return m;
  });
}

/** Locks the model row and checks the actor may edit it. */
async function lockModel(tx: Tx, actor: Actor, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ThreatModel" WHERE "id" = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
  if (!rows.length) throw notFound('The threat model');
  const m = await tx.threatModel.findUniqueOrThrow({ where: { id }, select: { id: true, systemId: true, components: true, summary: true } });
  authorize(actor, 'threats:manage', { ownerIds: (await systemOwners(tx, actor.orgId, m.systemId)) ?? [] });
  return m;
}

export async function updateThreatModel(actor: Actor, input: { id: string; components: unknown; summary?: string }) {
  const d = updateThreatModelSchema.parse(input);
  return db.$transaction(async (tx) => {
    const m = await lockModel(tx, actor, d.id);
    const components = uniq(d.components);
    const used = await tx.threatEntry.findMany({ where: { threatModelId: m.id, component: { notIn: components } }, select: { component: true }, distinct: ['component'] });
    if (used.length) throw invalid('components', `Techniques are recorded against ${used.map((u) => u.component).join(', ')}: remove them first`);
    await tx.threatModel.update({ where: { id: m.id }, data: { components, summary: d.summary } });
    await recordEvent(tx, actor, { action: 'threat_model.updated', entityType: 'threat-model', entityId: m.id, before: { components: m.components, summary: m.summary }, after: { components, summary: d.summary } });
    return { id: m.id };
  });
}

type EntryLinks = { atlasMitigationIds: string[]; controlIds: string[]; riskIds: string[] };

async function checkLinks(tx: Tx, orgId: string, d: EntryLinks) {
  const lib = atlas();
  const unknown = d.atlasMitigationIds.find((id) => !lib.mitigations.has(id));
  if (unknown) throw invalid('atlasMitigationIds', `${unknown} is not a mitigation in ATLAS ${lib.version}`);
  await assertInOrg(tx, orgId, 'controlIds', 'control', d.controlIds);
  const risks = uniq(d.riskIds);
  if (risks.length && (await tx.risk.count({ where: { orgId, id: { in: risks } } })) !== risks.length) throw invalid('riskIds', 'Unknown id: some of the risks do not exist in this organisation');
}

const linkWrites = (d: EntryLinks) => ({
  controls: { create: uniq(d.controlIds).map((controlId) => ({ controlId })) },
  risks: { create: uniq(d.riskIds).map((riskId) => ({ riskId })) },
});
const trail = (d: EntryLinks & { likelihood: number; impact: number; status: string }) => ({
  likelihood: d.likelihood, impact: d.impact, status: d.status,
  atlasMitigationIds: uniq(d.atlasMitigationIds).sort(), controlIds: uniq(d.controlIds).sort(), riskIds: uniq(d.riskIds).sort(),
});

export async function addThreatEntry(actor: Actor, input: AddThreatEntryInput) {
  const d = addThreatEntrySchema.parse(input);
  return db.$transaction(async (tx) => {
    const m = await lockModel(tx, actor, d.threatModelId);
    const lib = atlas();
    if (!lib.techniques.has(d.techniqueId)) throw invalid('techniqueId', `${d.techniqueId} is not a technique in ATLAS ${lib.version}`);
    if (!m.components.includes(d.component)) throw invalid('component', 'This component is not part of the threat model: add it to the model first');
    if (await tx.threatEntry.findUnique({ where: { threatModelId_techniqueId_component: { threatModelId: m.id, techniqueId: d.techniqueId, component: d.component } }, select: { id: true } })) {
      throw invalid('techniqueId', 'This technique is already recorded for this component');
    }
    await checkLinks(tx, actor.orgId, d);
    const e = await tx.threatEntry.create({
      data: { threatModelId: m.id, techniqueId: d.techniqueId, component: d.component, likelihood: d.likelihood, impact: d.impact, status: d.status, atlasMitigationIds: uniq(d.atlasMitigationIds), notes: d.notes, ...linkWrites(d) },
      select: { id: true },
    });
    await tx.threatModel.update({ where: { id: m.id }, data: { updatedAt: new Date() } });
    await recordEvent(tx, actor, { action: 'threat_entry.added', entityType: 'threat-model', entityId: m.id, before: null, after: { entryId: e.id, techniqueId: d.techniqueId, component: d.component, ...trail(d) } });
    return { id: e.id, threatModelId: m.id };
  });
}

// An entry is found only in the threat model the caller names (when named):
// an entry id under another model's path is not found.
async function entryModel(tx: Tx, actor: Actor, entryId: string, threatModelId?: string) {
  const e = await tx.threatEntry.findFirst({
    where: { id: entryId, ...(threatModelId ? { threatModelId } : {}), threatModel: { orgId: actor.orgId } },
    select: { id: true, threatModelId: true, techniqueId: true, component: true, likelihood: true, impact: true, status: true, atlasMitigationIds: true, controls: { select: { controlId: true } }, risks: { select: { riskId: true } } },
  });
  if (!e) throw notFound('The threat entry');
  await lockModel(tx, actor, e.threatModelId);
  return { ...e, controlIds: e.controls.map((c) => c.controlId), riskIds: e.risks.map((r) => r.riskId) };
}

export async function updateThreatEntry(actor: Actor, input: Record<string, unknown>, threatModelId?: string) {
  const d = updateThreatEntrySchema.parse(input);
  return db.$transaction(async (tx) => {
    const e = await entryModel(tx, actor, d.id, threatModelId);
    await checkLinks(tx, actor.orgId, d);
    await tx.threatEntry.update({
      where: { id: e.id },
      data: { likelihood: d.likelihood, impact: d.impact, status: d.status, atlasMitigationIds: uniq(d.atlasMitigationIds), notes: d.notes, controls: { deleteMany: {}, ...linkWrites(d).controls }, risks: { deleteMany: {}, ...linkWrites(d).risks } },
    });
    await tx.threatModel.update({ where: { id: e.threatModelId }, data: { updatedAt: new Date() } });
    await recordEvent(tx, actor, { action: 'threat_entry.updated', entityType: 'threat-model', entityId: e.threatModelId, before: { entryId: e.id, ...trail(e) }, after: { entryId: e.id, ...trail(d) } });
    return { id: e.id, threatModelId: e.threatModelId };
  });
}

export async function removeThreatEntry(actor: Actor, input: { id: string }, threatModelId?: string) {
  const d = removeThreatEntrySchema.parse(input);
  return db.$transaction(async (tx) => {
    const e = await entryModel(tx, actor, d.id, threatModelId);
    await tx.threatEntry.delete({ where: { id: e.id } });
    await recordEvent(tx, actor, { action: 'threat_entry.removed', entityType: 'threat-model', entityId: e.threatModelId, before: { entryId: e.id, techniqueId: e.techniqueId, component: e.component, ...trail(e) }, after: null });
    return { id: e.id, threatModelId: e.threatModelId };
  });
}
