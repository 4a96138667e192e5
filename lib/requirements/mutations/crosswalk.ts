import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { invertRelationship } from '../library-schema';
import type { CrosswalkRow, CrosswalkRowProblem } from '../logic/crosswalk-io';
import { crosswalkMappingInputSchema, updateCrosswalkMappingSchema, type CrosswalkMappingInput, type UpdateCrosswalkMappingInput } from '../schema/crosswalk';

// Crosswalk mappings edited by library managers. Shipped mappings that are
// edited are marked customised (a reload leaves them); removed ones stay as
// tombstones (a reload does not bring them back); the organisation's own are deleted.

const side = { select: { ref: true, framework: { select: { key: true } } } } as const;
const label = (r: { ref: string; framework: { key: string } }) => `${r.framework.key} ${r.ref}`;

async function livePair(tx: Tx, orgId: string, a: string, b: string) {
  return tx.crosswalkMapping.findFirst({
    where: { orgId, OR: [{ fromRequirementId: a, toRequirementId: b }, { fromRequirementId: b, toRequirementId: a }] },
    select: { id: true, removedAt: true, fromRequirementId: true },
  });
}

export async function createCrosswalkMapping(actor: Actor, input: CrosswalkMappingInput) {
  authorize(actor, 'library:manage');
  const data = crosswalkMappingInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    const reqs = await tx.requirement.findMany({ where: { id: { in: [data.fromRequirementId, data.toRequirementId] }, orgId: actor.orgId }, select: { id: true, ref: true, frameworkId: true, framework: { select: { key: true } } } });
    const from = reqs.find((r) => r.id === data.fromRequirementId);
    const to = reqs.find((r) => r.id === data.toRequirementId);
    if (!from) throw new AppError('VALIDATION', 'The first requirement was not found.', { fieldErrors: { fromRequirementId: ['No such requirement'] } });
    if (!to) throw new AppError('VALIDATION', 'The second requirement was not found.', { fieldErrors: { toRequirementId: ['No such requirement'] } });
    if (from.frameworkId === to.frameworkId) throw new AppError('VALIDATION', 'A crosswalk mapping links two different frameworks.', { fieldErrors: { toRequirementId: ['Choose a requirement of another framework'] } });
    const existing = await livePair(tx, actor.orgId, from.id, to.id);
    if (existing && !existing.removedAt) throw new AppError('CONFLICT', `${label(from)} and ${label(to)} are already mapped; edit that mapping instead.`, { fieldErrors: { toRequirementId: ['Already mapped'] } });
    const values = { relationship: data.relationship, rationale: data.rationale, citation: data.citation ?? null };
    // Re-adding a removed shipped pair revives its row, as the organisation's own wording.
    const m = existing
      ? await tx.crosswalkMapping.update({
          where: { id: existing.id },
          data: { ...values, relationship: existing.fromRequirementId === from.id ? data.relationship : invertRelationship(data.relationship), removedAt: null, customised: true },
          select: { id: true },
        })
      : await tx.crosswalkMapping.create({ data: { orgId: actor.orgId, fromRequirementId: from.id, toRequirementId: to.id, ...values, origin: 'CUSTOM' }, select: { id: true } });
    await recordEvent(tx, actor, { action: 'crosswalk.mapping_created', entityType: 'crosswalk_mapping', entityId: m.id, after: { from: label(from), to: label(to), ...values } });
    return { id: m.id, from: label(from), to: label(to), relationship: data.relationship };
  });
}

export async function updateCrosswalkMapping(actor: Actor, input: UpdateCrosswalkMappingInput) {
  authorize(actor, 'library:manage');
  const { id, ...data } = updateCrosswalkMappingSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.crosswalkMapping.findFirst({ where: { id, orgId: actor.orgId, removedAt: null }, select: { relationship: true, rationale: true, citation: true, origin: true } });
    if (!before) throw notFound('The mapping');
    const changes = Object.fromEntries(Object.entries(data).filter(([k, v]) => v !== undefined && v !== before[k as keyof typeof before]));
    if (!Object.keys(changes).length) return { id, changed: false };
    const after = await tx.crosswalkMapping.update({ where: { id }, data: { ...changes, customised: before.origin === 'LIBRARY' ? true : undefined }, select: { relationship: true, rationale: true, citation: true } });
    await recordEvent(tx, actor, { action: 'crosswalk.mapping_updated', entityType: 'crosswalk_mapping', entityId: id, before: { relationship: before.relationship, rationale: before.rationale, citation: before.citation }, after });
    return { id, changed: true };
  });
}

export async function removeCrosswalkMapping(actor: Actor, id: string) {
  authorize(actor, 'library:manage');
  return db.$transaction(async (tx) => {
    const m = await tx.crosswalkMapping.findFirst({ where: { id, orgId: actor.orgId, removedAt: null }, select: { id: true, origin: true, relationship: true, rationale: true, from: side, to: side } });
    if (!m) throw notFound('The mapping');
    if (m.origin === 'LIBRARY') await tx.crosswalkMapping.update({ where: { id }, data: { removedAt: new Date() } });
    else await tx.crosswalkMapping.delete({ where: { id } });
    await recordEvent(tx, actor, { action: 'crosswalk.mapping_removed', entityType: 'crosswalk_mapping', entityId: id, before: { from: label(m.from), to: label(m.to), relationship: m.relationship, rationale: m.rationale, origin: m.origin } });
    return { id };
  });
}

export type CrosswalkImportReport = { created: number; updated: number; unchanged: number; problems: CrosswalkRowProblem[] };

/**
 * Imports crosswalk rows (from CSV or OSCAL) all or nothing: any row that does
 * not resolve to two requirements of different frameworks refuses the whole
 * file (422, rows named); otherwise new pairs are added and existing ones take
 * the file's relationship and rationale, in one transaction with one audit event.
 */
export async function importCrosswalk(actor: Actor, input: { fileName: string; rows: CrosswalkRow[]; problems: CrosswalkRowProblem[] }): Promise<CrosswalkImportReport> {
  authorize(actor, 'library:manage');
  const problems = [...input.problems];
  if (input.rows.length > 20_000) problems.push({ row: 0, reason: `The file has ${input.rows.length} mappings; import at most 20,000 at a time.` });
  return db.$transaction(
    async (tx) => {
      const reqs = await tx.requirement.findMany({ where: { orgId: actor.orgId }, select: { id: true, ref: true, framework: { select: { key: true } } } });
      const idOf = new Map(reqs.map((r) => [`${r.framework.key}::${r.ref}`, r.id]));
      const resolved: (CrosswalkRow & { from: string; to: string })[] = [];
      const seen = new Set<string>();
      input.rows.forEach((r, i) => {
        const from = idOf.get(`${r.fromFramework}::${r.fromRef}`);
        const to = idOf.get(`${r.toFramework}::${r.toRef}`);
        const bad = [!from ? `${r.fromFramework} ${r.fromRef} is not in the library` : '', !to ? `${r.toFramework} ${r.toRef} is not in the library` : '', r.fromFramework === r.toFramework ? 'both requirements are in the same framework' : ''].filter(Boolean);
        const key = [from, to].sort().join('|');
        if (!bad.length && seen.has(key)) bad.push('the same pair appears twice in the file');
        if (bad.length) problems.push({ row: i + 2, reason: bad.join('; ') });
        else {
          seen.add(key);
          resolved.push({ ...r, from: from!, to: to! });
        }
      });
      if (problems.length) {
        throw new AppError('VALIDATION', `The file cannot be imported: ${problems.length} row${problems.length > 1 ? 's' : ''} with problems (nothing was changed).`, { details: { problems: problems.slice(0, 200) } });
      }
      const existing = await tx.crosswalkMapping.findMany({ where: { orgId: actor.orgId }, select: { id: true, fromRequirementId: true, toRequirementId: true, relationship: true, rationale: true, citation: true, removedAt: true, origin: true } });
      const byPair = new Map(existing.map((m) => [[m.fromRequirementId, m.toRequirementId].sort().join('|'), m]));
      const create: typeof resolved = [];
      let updated = 0;
      let unchanged = 0;
      for (const r of resolved) {
        const have = byPair.get([r.from, r.to].sort().join('|'));
        if (!have) {
          create.push(r);
          continue;
        }
        const relationship = have.fromRequirementId === r.from ? r.relationship : invertRelationship(r.relationship);
        if (!have.removedAt && have.relationship === relationship && have.rationale === r.rationale && have.citation === r.citation) {
          unchanged++;
          continue;
        }
        await tx.crosswalkMapping.update({ where: { id: have.id }, data: { relationship, rationale: r.rationale, citation: r.citation, removedAt: null, customised: have.origin === 'LIBRARY' ? true : undefined } });
        updated++;
      }
      if (create.length) {
        await tx.crosswalkMapping.createMany({
          data: create.map((r) => ({ id: randomUUID(), orgId: actor.orgId, fromRequirementId: r.from, toRequirementId: r.to, relationship: r.relationship, rationale: r.rationale, citation: r.citation, origin: 'CUSTOM' })),
        });
      }
      if (create.length || updated) await recordEvent(tx, actor, { action: 'crosswalk.imported', entityType: 'crosswalk', changes: { file: input.fileName, created: create.length, updated, unchanged } });
      return { created: create.length, updated, unchanged, problems: [] };
    },
    { timeout: 60_000 },
  );
}
