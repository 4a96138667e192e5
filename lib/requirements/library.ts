import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { shippedLibrary } from './library-data';
import type { LibraryFramework, LibraryRequirement } from './library-schema';
import { nextDue } from './logic/rules';
import { DEFAULT_REVIEW_CADENCE_DAYS } from './schema/vocabulary';

export type LibraryConflict = { framework: string; ref: string; field: string; yours: string; shipped: string };
export type FrameworkLoadReport = {
  key: string;
  name: string;
  fromVersion: number | null;
  toVersion: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Requirements the organisation edited whose shipped text changed: kept, reported. */
  conflicts: LibraryConflict[];
  /** Requirements in the database that the shipped file no longer lists: kept, reported. */
  notShipped: string[];
  skipped?: string;
};
export type LibraryLoadReport = { frameworks: FrameworkLoadReport[]; crosswalkCreated: number; controlsCreated: number; mappingsCreated: number };

const COMPARED = ['title', 'summary', 'group', 'area', 'aiSpecific'] as const;

function differences(stored: { title: string; summary: string; group: string | null; area: string; aiSpecific: boolean }, shipped: LibraryRequirement) {
  return COMPARED.filter((k) => (stored[k] ?? null) !== (shipped[k] ?? null));
}

async function loadFramework(tx: Tx, actor: Actor, fw: LibraryFramework): Promise<FrameworkLoadReport> {
  const existing = await tx.framework.findUnique({ where: { orgId_key: { orgId: actor.orgId, key: fw.key } }, select: { id: true, isCustom: true, libraryVersion: true } });
  const report: FrameworkLoadReport = { key: fw.key, name: fw.name, fromVersion: existing?.libraryVersion ?? null, toVersion: fw.libraryVersion, created: 0, updated: 0, unchanged: 0, conflicts: [], notShipped: [] };
  if (existing?.isCustom) {
    report.skipped = `The key "${fw.key}" is used by one of your own frameworks; the shipped one was not loaded.`;
    return report;
  }
  if (existing && (existing.libraryVersion ?? 0) > fw.libraryVersion) {
    report.skipped = `Already at library version ${existing.libraryVersion}, newer than the shipped ${fw.libraryVersion}.`;
    return report;
  }
  const meta = { name: fw.name, kind: fw.kind, jurisdiction: fw.jurisdiction, version: fw.version, sourceRef: fw.sourceRef, libraryVersion: fw.libraryVersion };
  const framework = existing
    ? await tx.framework.update({ where: { id: existing.id }, data: meta, select: { id: true } })
    : await tx.framework.create({ data: { ...meta, orgId: actor.orgId, key: fw.key, isCustom: false }, select: { id: true } });
  const stored = await tx.requirement.findMany({
    where: { frameworkId: framework.id },
    select: { id: true, ref: true, title: true, summary: true, group: true, area: true, aiSpecific: true, customised: true, position: true, libraryVersion: true },
  });
  const byRef = new Map(stored.map((r) => [r.ref, r]));
  const shippedRefs = new Set(fw.requirements.map((r) => r.ref));
  const due = nextDue(new Date(), DEFAULT_REVIEW_CADENCE_DAYS);
  const toCreate: (LibraryRequirement & { position: number })[] = [];
  for (const [position, r] of fw.requirements.entries()) {
    const have = byRef.get(r.ref);
    if (!have) {
      toCreate.push({ ...r, position });
      continue;
    }
    const diff = differences(have, r);
    if (diff.length === 0) {
      report.unchanged++;
      if (have.position !== position || have.libraryVersion !== fw.libraryVersion) await tx.requirement.update({ where: { id: have.id }, data: { libraryVersion: fw.libraryVersion, position } });
    } else if (have.customised) {
      // Never overwrite an organisation's own wording silently.
      for (const field of diff) report.conflicts.push({ framework: fw.key, ref: r.ref, field, yours: String(have[field] ?? ''), shipped: String(r[field] ?? '') });
    } else {
      await tx.requirement.update({
        where: { id: have.id },
        data: { title: r.title, summary: r.summary, group: r.group ?? null, area: r.area, aiSpecific: r.aiSpecific, libraryVersion: fw.libraryVersion, position },
      });
      report.updated++;
    }
  }
  if (toCreate.length) {
    await tx.requirement.createMany({
      data: toCreate.map((r) => ({
        orgId: actor.orgId, frameworkId: framework.id, ref: r.ref, title: r.title, summary: r.summary, group: r.group ?? null, area: r.area,
        aiSpecific: r.aiSpecific, libraryVersion: fw.libraryVersion, nextReviewDue: due, position: r.position,
      })),
    });
    report.created = toCreate.length;
  }
  report.notShipped = stored.filter((r) => !shippedRefs.has(r.ref)).map((r) => r.ref);
  if (report.created || report.updated || report.conflicts.length || report.fromVersion !== report.toVersion) {
    await recordEvent(tx, actor, {
      action: existing ? 'framework.library_reloaded' : 'framework.library_loaded',
      entityType: 'framework',
      entityId: framework.id,
      changes: { libraryVersion: { from: report.fromVersion, to: report.toVersion }, created: report.created, updated: report.updated, conflicts: report.conflicts.map((c) => `${c.ref}.${c.field}`), notShipped: report.notShipped },
    });
  }
  return report;
}

/**
 * Loads (or reloads) the shipped regulation library into the actor's
 * organisation: idempotent, versioned per framework, and edits the
 * organisation made are kept and reported as conflicts, never overwritten.
 * Also adds the starter crosswalk and controls that are missing.
 */
export async function loadLibrary(actor: Actor, opts: { keys?: string[] } = {}): Promise<LibraryLoadReport> {
  authorize(actor, 'library:manage');
  const lib = shippedLibrary();
  const unknown = (opts.keys ?? []).filter((k) => !lib.frameworks.some((f) => f.key === k));
  if (unknown.length) throw new AppError('VALIDATION', `Unknown framework key${unknown.length > 1 ? 's' : ''} in the shipped library: ${unknown.join(', ')}.`);
  const selected = opts.keys?.length ? lib.frameworks.filter((f) => opts.keys!.includes(f.key)) : lib.frameworks;
  return db.$transaction(
    async (tx) => {
      const frameworks: FrameworkLoadReport[] = [];
      for (const fw of selected) frameworks.push(await loadFramework(tx, actor, fw));

      // Resolve pointers (framework key + ref) to requirement ids once.
      const reqs = await tx.requirement.findMany({ where: { orgId: actor.orgId }, select: { id: true, ref: true, framework: { select: { key: true } } } });
      const idOf = new Map(reqs.map((r) => [`${r.framework.key}::${r.ref}`, r.id]));
      const pointer = (p: { framework: string; ref: string }) => idOf.get(`${p.framework}::${p.ref}`);

      const existingCross = await tx.crosswalkMapping.findMany({ where: { orgId: actor.orgId }, select: { fromRequirementId: true, toRequirementId: true } });
      const crossSet = new Set(existingCross.map((m) => `${m.fromRequirementId}|${m.toRequirementId}`));
      const newCross = lib.crosswalk
        .map((m) => ({ from: pointer(m.from), to: pointer(m.to), relationship: m.relationship, rationale: m.rationale }))
        .filter((m): m is { from: string; to: string; relationship: typeof m.relationship; rationale: string } => Boolean(m.from && m.to))
        .filter((m) => !crossSet.has(`${m.from}|${m.to}`) && !crossSet.has(`${m.to}|${m.from}`));
      if (newCross.length) {
        await tx.crosswalkMapping.createMany({ data: newCross.map((m) => ({ orgId: actor.orgId, fromRequirementId: m.from, toRequirementId: m.to, relationship: m.relationship, rationale: m.rationale })) });
        await recordEvent(tx, actor, { action: 'crosswalk.library_loaded', entityType: 'crosswalk', changes: { created: newCross.length } });
      }

      let controlsCreated = 0;
      let mappingsCreated = 0;
      for (const c of lib.controls) {
        const mappings = c.mappings.map((m) => ({ requirementId: pointer(m), relationship: m.relationship, rationale: m.rationale })).filter((m): m is { requirementId: string; relationship: typeof m.relationship; rationale: string } => Boolean(m.requirementId));
        const have = await tx.control.findUnique({ where: { orgId_key: { orgId: actor.orgId, key: c.key } }, select: { id: true } });
        if (have) continue; // the organisation's own version of a starter control is theirs to keep
        if (mappings.length === 0) continue;
        const created = await tx.control.create({ data: { orgId: actor.orgId, key: c.key, name: c.name, description: c.description, area: c.area }, select: { id: true } });
        await tx.controlMapping.createMany({ data: mappings.map((m) => ({ orgId: actor.orgId, controlId: created.id, ...m })) });
        await recordEvent(tx, actor, { action: 'control.created', entityType: 'control', entityId: created.id, after: { key: c.key, name: c.name, area: c.area, mappings: mappings.length, source: 'library' } });
        controlsCreated++;
        mappingsCreated += mappings.length;
      }
      return { frameworks, crosswalkCreated: newCross.length, controlsCreated, mappingsCreated };
    },
    { timeout: 120_000 },
  );
}

/** What a reload would do, without writing (for the admin's confirmation). */
export async function libraryStatus(actor: Actor) {
  authorize(actor, 'requirements:read');
  const lib = shippedLibrary();
  const stored = await db.framework.findMany({ where: { orgId: actor.orgId, key: { in: lib.frameworks.map((f) => f.key) } }, select: { key: true, libraryVersion: true, isCustom: true } });
  const byKey = new Map(stored.map((f) => [f.key, f]));
  return lib.frameworks.map((f) => ({
    key: f.key,
    name: f.name,
    shippedVersion: f.libraryVersion,
    loadedVersion: byKey.get(f.key)?.libraryVersion ?? null,
    requirementCount: f.requirements.length,
  }));
}
