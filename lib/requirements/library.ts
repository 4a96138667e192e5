import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { shippedLibrary } from './library-data';
import { Prisma } from '@/lib/generated/prisma/client';
import { invertRelationship, type Crosswalk, type LibraryFramework, type LibraryRequirement, type Relationship } from './library-schema';
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
export type LibraryLoadReport = {
  frameworks: FrameworkLoadReport[];
  crosswalkCreated: number;
  /** Shipped mappings whose relationship, rationale or citation changed (never ones the organisation edited or removed). */
  crosswalkUpdated: number;
  /** Shipped mappings left as the organisation edited or removed them. */
  crosswalkKept: number;
  controlsCreated: number;
  mappingsCreated: number;
};

const COMPARED = ['title', 'summary', 'group', 'area', 'aiSpecific', 'statement'] as const;
type StoredText = { title: string; summary: string; group: string | null; area: string; aiSpecific: boolean; statement: unknown };

// PostgreSQL's jsonb reorders object keys, so statements are compared with sorted keys.
const canonical = (v: unknown): unknown => (Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v);
const comparable = (v: unknown) => (v && typeof v === 'object' ? JSON.stringify(canonical(v)) : (v ?? null));
function differences(stored: StoredText, shipped: LibraryRequirement) {
  return COMPARED.filter((k) => comparable(stored[k]) !== comparable(shipped[k]));
}
const statementValue = (r: LibraryRequirement) => (r.statement ? (r.statement as Prisma.InputJsonValue) : Prisma.DbNull);

async function loadFramework(tx: Tx, actor: Actor, fw: LibraryFramework): Promise<FrameworkLoadReport> {
  const existing = await tx.framework.findUnique({
    where: { orgId_key: { orgId: actor.orgId, key: fw.key } },
    select: { id: true, isCustom: true, libraryVersion: true, name: true, kind: true, jurisdiction: true, version: true, sourceRef: true, sourceUrl: true, licence: true },
  });
  const report: FrameworkLoadReport = { key: fw.key, name: fw.name, fromVersion: existing?.libraryVersion ?? null, toVersion: fw.libraryVersion, created: 0, updated: 0, unchanged: 0, conflicts: [], notShipped: [] };
  if (existing?.isCustom) {
    report.skipped = `The key "${fw.key}" is used by one of your own frameworks; the shipped one was not loaded.`;
    return report;
  }
  if (existing && (existing.libraryVersion ?? 0) > fw.libraryVersion) {
    report.skipped = `Already at library version ${existing.libraryVersion}, newer than the shipped ${fw.libraryVersion}.`;
    return report;
  }
  const meta = { name: fw.name, kind: fw.kind, jurisdiction: fw.jurisdiction, version: fw.version, sourceRef: fw.sourceRef, sourceUrl: fw.sourceUrl, licence: fw.licence, libraryVersion: fw.libraryVersion };
  let framework: { id: string };
  if (existing) {
    // A reload with nothing changed writes nothing, not even the framework row.
    const metaChanged = Object.entries(meta).some(([k, v]) => existing[k as keyof typeof meta] !== v);
    if (metaChanged) await tx.framework.update({ where: { id: existing.id }, data: meta, select: { id: true } });
    framework = { id: existing.id };
  } else {
    framework = await tx.framework.create({ data: { ...meta, orgId: actor.orgId, key: fw.key, isCustom: false }, select: { id: true } });
  }
  const stored = await tx.requirement.findMany({
    where: { frameworkId: framework.id },
    select: { id: true, ref: true, title: true, summary: true, statement: true, group: true, area: true, aiSpecific: true, customised: true, position: true, libraryVersion: true },
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
      for (const field of diff) report.conflicts.push({ framework: fw.key, ref: r.ref, field, yours: String(comparable(have[field]) ?? ''), shipped: String(comparable(r[field]) ?? '') });
    } else {
      await tx.requirement.update({
        where: { id: have.id },
        data: { title: r.title, summary: r.summary, statement: statementValue(r), group: r.group ?? null, area: r.area, aiSpecific: r.aiSpecific, libraryVersion: fw.libraryVersion, position },
      });
      report.updated++;
    }
  }
  if (toCreate.length) {
    await insertRequirements(tx, actor.orgId, framework.id, fw.libraryVersion, due, toCreate);
    report.created = toCreate.length;
  }
  report.notShipped = stored.filter((r) => !shippedRefs.has(r.ref)).map((r) => r.ref);
  // A standing conflict is reported every time but recorded only when something was written.
  if (report.created || report.updated || report.fromVersion !== report.toVersion) {
    await recordEvent(tx, actor, {
      action: existing ? 'framework.library_reloaded' : 'framework.library_loaded',
      entityType: 'framework',
      entityId: framework.id,
      changes: { libraryVersion: { from: report.fromVersion, to: report.toVersion }, created: report.created, updated: report.updated, conflicts: report.conflicts.map((c) => `${c.ref}.${c.field}`), notShipped: report.notShipped },
    });
  }
  return report;
}

/** Inserts a framework's new requirements in one statement (the library loads thousands at once). */
async function insertRequirements(tx: Tx, orgId: string, frameworkId: string, libraryVersion: number, due: Date, rows: (LibraryRequirement & { position: number })[]) {
  const now = new Date().toISOString();
  const col = <T,>(f: (r: LibraryRequirement & { position: number }) => T) => rows.map(f);
  await tx.$executeRaw`
    INSERT INTO "Requirement" ("id", "orgId", "frameworkId", "ref", "title", "summary", "statement", "group", "area", "aiSpecific", "libraryVersion", "nextReviewDue", "position", "createdAt", "updatedAt")
    SELECT id, ${orgId}, ${frameworkId}, ref, title, summary, st, grp, area::"RequirementArea", ai, ${libraryVersion}, ${due.toISOString()}::timestamp(3), pos, ${now}::timestamp(3), ${now}::timestamp(3)
      FROM unnest(${col(() => randomUUID())}::text[], ${col((r) => r.ref)}::text[], ${col((r) => r.title)}::text[], ${col((r) => r.summary)}::text[],
                  ${col((r) => (r.statement ? JSON.stringify(r.statement) : null))}::jsonb[], ${col((r) => r.group ?? null)}::text[], ${col((r) => r.area)}::text[],
                  ${col((r) => r.aiSpecific)}::boolean[], ${col((r) => r.position)}::int[]) AS x(id, ref, title, summary, st, grp, area, ai, pos)`;
}

/**
 * Brings the shipped crosswalk into the organisation: adds missing pairs,
 * refreshes shipped pairs the organisation has not touched, and leaves edited
 * or removed ones alone (a removal stays as a tombstone). A pair is the same
 * whichever way round it is stored; read from the other side, the relationship
 * is inverted (A subset of B is B superset of A).
 */
async function syncCrosswalk(tx: Tx, actor: Actor, entries: Crosswalk, pointer: (p: { framework: string; ref: string }) => string | undefined) {
  const existing = await tx.crosswalkMapping.findMany({
    where: { orgId: actor.orgId },
    select: { id: true, fromRequirementId: true, toRequirementId: true, relationship: true, rationale: true, citation: true, origin: true, customised: true, removedAt: true },
  });
  const byPair = new Map(existing.map((m) => [`${m.fromRequirementId}|${m.toRequirementId}`, m]));
  const toCreate: { from: string; to: string; relationship: Relationship; rationale: string; citation: string | null }[] = [];
  let updated = 0;
  let kept = 0;
  for (const e of entries) {
    const from = pointer(e.from);
    const to = pointer(e.to);
    if (!from || !to) continue;
    const forward = byPair.get(`${from}|${to}`);
    const backward = forward ? undefined : byPair.get(`${to}|${from}`);
    const have = forward ?? backward;
    if (!have) {
      toCreate.push({ from, to, relationship: e.relationship, rationale: e.rationale, citation: e.citation ?? null });
      continue;
    }
    if (have.origin !== 'LIBRARY') continue; // the organisation's own mapping of the same pair wins
    if (have.customised || have.removedAt) {
      kept++;
      continue;
    }
    const relationship = backward ? invertRelationship(e.relationship) : e.relationship;
    if (have.relationship === relationship && have.rationale === e.rationale && have.citation === (e.citation ?? null)) continue;
    await tx.crosswalkMapping.update({ where: { id: have.id }, data: { relationship, rationale: e.rationale, citation: e.citation ?? null } });
    updated++;
  }
  if (toCreate.length) {
    // One INSERT over arrays: the whole shipped crosswalk (2,000+ rows) in one round trip.
    const now = new Date().toISOString();
    await tx.$executeRaw`
      INSERT INTO "CrosswalkMapping" ("id", "orgId", "fromRequirementId", "toRequirementId", "relationship", "rationale", "citation", "origin", "createdAt", "updatedAt")
      SELECT id, ${actor.orgId}, f, t, r::"MappingRelationship", ra, c, 'LIBRARY', ${now}::timestamp(3), ${now}::timestamp(3)
        FROM unnest(${toCreate.map(() => randomUUID())}::text[], ${toCreate.map((m) => m.from)}::text[], ${toCreate.map((m) => m.to)}::text[],
                    ${toCreate.map((m) => m.relationship)}::text[], ${toCreate.map((m) => m.rationale)}::text[], ${toCreate.map((m) => m.citation)}::text[]) AS x(id, f, t, r, ra, c)`;
  }
  if (toCreate.length || updated) await recordEvent(tx, actor, { action: 'crosswalk.library_loaded', entityType: 'crosswalk', changes: { created: toCreate.length, updated, kept } });
  return { created: toCreate.length, updated, kept };
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

      const cross = await syncCrosswalk(tx, actor, lib.crosswalk, pointer);

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
      return { frameworks, crosswalkCreated: cross.created, crosswalkUpdated: cross.updated, crosswalkKept: cross.kept, controlsCreated, mappingsCreated };
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
