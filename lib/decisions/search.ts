import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { readableSystemIds } from './access';
import type { ExplanationStatus, ListDecisionsQuery } from './schema';

// The search screen: filters on the partitioned table with keyset pagination
// (newest first, by decidedAt then id), so a page costs one index range read
// however deep it is; a time range lets PostgreSQL prune whole partitions.

export const DECISION_PAGE_SIZE = 50;

export type DecisionRow = {
  id: string;
  ref: string;
  decidedAt: string;
  systemId: string;
  systemName: string;
  versionId: string;
  versionLabel: string;
  modelName: string;
  outcome: string;
  score: number | null;
  confidence: number | null;
  overridden: boolean;
  humanReviewed: boolean;
  explanationStatus: ExplanationStatus;
  topFactor: string | null;
};

export type DecisionPage = { items: DecisionRow[]; next: string | null; first: boolean };

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  return id && !Number.isNaN(date.getTime()) ? { at: date, id } : null;
}

const dayStart = (d: string) => new Date(`${d}T00:00:00.000Z`);
const dayAfter = (d: string) => new Date(dayStart(d).getTime() + 86_400_000);

/** Names of systems, models and versions for display (the log keeps ids only). */
export async function decisionNames(orgId: string, ids: { systemIds: string[]; versionIds: string[] }) {
  const [systems, versions] = await Promise.all([
    db.aISystem.findMany({ where: { orgId, id: { in: [...new Set(ids.systemIds)] } }, select: { id: true, name: true } }),
    db.modelVersion.findMany({ where: { orgId, id: { in: [...new Set(ids.versionIds)] } }, select: { id: true, label: true, model: { select: { key: true, name: true } } } }),
  ]);
  return {
    system: new Map(systems.map((s) => [s.id, s.name])),
    version: new Map(versions.map((v) => [v.id, { label: v.label, modelKey: v.model.key, modelName: v.model.name }])),
  };
}

export async function listDecisions(actor: Actor, q: ListDecisionsQuery): Promise<DecisionPage> {
  authorize(actor, 'decisions:read');
  const allowed = await readableSystemIds(actor);
  const where: Prisma.DecisionWhereInput = { orgId: actor.orgId };
  if (q.systemId) where.systemId = allowed && !allowed.includes(q.systemId) ? '__none__' : q.systemId;
  else if (allowed) where.systemId = { in: allowed };
  else if (q.ref) {
    // The decision-id index is per system: name the systems so it is used.
    where.systemId = { in: (await db.aISystem.findMany({ where: { orgId: actor.orgId }, select: { id: true } })).map((s) => s.id) };
  }
  if (q.versionId) where.versionId = q.versionId;
  if (q.subjectRef) where.subjectRef = q.subjectRef;
  if (q.overridden) where.overridden = true;
  if (q.explanation) where.explanationStatus = q.explanation;
  if (q.from || q.to) where.decidedAt = { ...(q.from ? { gte: dayStart(q.from) } : {}), ...(q.to ? { lt: dayAfter(q.to) } : {}) };
  const and: Prisma.DecisionWhereInput[] = [];
  if (q.ref) and.push({ OR: [{ ref: q.ref }, { id: q.ref }] });
  const cursor = decodeCursor(q.cursor);
  if (cursor) and.push({ OR: [{ decidedAt: { lt: cursor.at } }, { decidedAt: cursor.at, id: { lt: cursor.id } }] });
  if (and.length) where.AND = and;

  const rows = await db.decision.findMany({
    where,
    orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
    take: DECISION_PAGE_SIZE + 1,
    select: {
      id: true, ref: true, decidedAt: true, systemId: true, versionId: true, outcome: true, score: true, confidence: true,
      overridden: true, humanReviewed: true, explanationStatus: true, topFactor: true,
    },
  });
  const page = rows.slice(0, DECISION_PAGE_SIZE);
  const names = await decisionNames(actor.orgId, { systemIds: page.map((r) => r.systemId), versionIds: page.map((r) => r.versionId) });
  const last = page[page.length - 1];
  return {
    first: !cursor,
    next: rows.length > DECISION_PAGE_SIZE && last ? encodeCursor(last.decidedAt, last.id) : null,
    items: page.map((r) => ({
      ...r,
      decidedAt: r.decidedAt.toISOString(),
      systemName: names.system.get(r.systemId) ?? r.systemId,
      versionLabel: names.version.get(r.versionId)?.label ?? r.versionId,
      modelName: names.version.get(r.versionId)?.modelName ?? '',
    })),
  };
}

/** The chosen system and version as the search form's pickers show them. */
export async function decisionFilterLabels(actor: Actor, q: { systemId?: string; versionId?: string }) {
  authorize(actor, 'decisions:read');
  const names = await decisionNames(actor.orgId, { systemIds: q.systemId ? [q.systemId] : [], versionIds: q.versionId ? [q.versionId] : [] });
  const system = q.systemId && names.system.get(q.systemId);
  const version = q.versionId && names.version.get(q.versionId);
  return {
    system: system ? { value: q.systemId!, label: system } : null,
    version: version ? { value: q.versionId!, label: `${version.modelKey} ${version.label}` } : null,
  };
}
