import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { CreateDevelopmentDecisionInput, ListDevelopmentDecisionsQuery } from './schema';

// Development decision records, the other "decision log": why algorithm X
// over Y, which bias tests were run, which fairness trade-off was accepted
// and by whom; attached to a model or one of its versions, append-only (a
// changed mind is a new record that says what it replaces).

export const DEVELOPMENT_PAGE_SIZE = 25;

export type DevelopmentDecisionView = {
  id: string;
  title: string;
  context: string;
  decision: string;
  alternatives: string;
  consequences: string;
  decidedAt: string;
  createdAt: string;
  model: { id: string; key: string; name: string };
  version: { id: string; label: string } | null;
  approver: { id: string; name: string };
  createdBy: string | null;
};

const select = { id: true, title: true, context: true, decision: true, alternatives: true, consequences: true, decidedAt: true, createdAt: true, modelId: true, versionId: true, approverId: true, createdById: true } as const;

async function views(orgId: string, rows: { id: string; title: string; context: string; decision: string; alternatives: string; consequences: string; decidedAt: Date; createdAt: Date; modelId: string; versionId: string | null; approverId: string; createdById: string | null }[]): Promise<DevelopmentDecisionView[]> {
  const [models, versions, people] = await Promise.all([
    db.model.findMany({ where: { orgId, id: { in: [...new Set(rows.map((r) => r.modelId))] } }, select: { id: true, key: true, name: true } }),
    db.modelVersion.findMany({ where: { orgId, id: { in: [...new Set(rows.flatMap((r) => (r.versionId ? [r.versionId] : [])))] } }, select: { id: true, label: true } }),
    db.user.findMany({ where: { orgId, id: { in: [...new Set(rows.flatMap((r) => [r.approverId, r.createdById ?? '']))] } }, select: { id: true, name: true } }),
  ]);
  const model = new Map(models.map((m) => [m.id, m]));
  const version = new Map(versions.map((v) => [v.id, v]));
  const person = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id, title: r.title, context: r.context, decision: r.decision, alternatives: r.alternatives, consequences: r.consequences,
    decidedAt: r.decidedAt.toISOString(), createdAt: r.createdAt.toISOString(),
    model: model.get(r.modelId) ?? { id: r.modelId, key: '', name: r.modelId },
    version: r.versionId ? (version.get(r.versionId) ?? { id: r.versionId, label: r.versionId }) : null,
    approver: { id: r.approverId, name: person.get(r.approverId) ?? 'a former user' },
    createdBy: r.createdById ? (person.get(r.createdById) ?? null) : null,
  }));
}

export async function listDevelopmentDecisions(actor: Actor, q: ListDevelopmentDecisionsQuery) {
  authorize(actor, 'decisions:read');
  const where = { orgId: actor.orgId, ...(q.modelId ? { modelId: q.modelId } : {}), ...(q.versionId ? { versionId: q.versionId } : {}) };
  const [rows, total] = await Promise.all([
    db.developmentDecision.findMany({ where, orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }], skip: (q.page - 1) * DEVELOPMENT_PAGE_SIZE, take: DEVELOPMENT_PAGE_SIZE, select }),
    db.developmentDecision.count({ where }),
  ]);
  return { items: await views(actor.orgId, rows), total, page: q.page, pageSize: DEVELOPMENT_PAGE_SIZE, capabilities: { create: can(actor, 'decisions:manage') } };
}

export async function getDevelopmentDecision(actor: Actor, id: string): Promise<DevelopmentDecisionView> {
  authorize(actor, 'decisions:read');
  const row = await db.developmentDecision.findFirst({ where: { id, orgId: actor.orgId }, select });
  if (!row) throw new AppError('NOT_FOUND', 'The development decision was not found.');
  return (await views(actor.orgId, [row]))[0];
}

/** Records a development decision; the approver must be a person of the organisation and the version one of the model's. */
export async function createDevelopmentDecision(actor: Actor, input: CreateDevelopmentDecisionInput): Promise<{ id: string }> {
  authorize(actor, 'decisions:manage');
  return db.$transaction(async (tx) => {
    const model = await tx.model.findFirst({ where: { id: input.modelId, orgId: actor.orgId }, select: { id: true } });
    if (!model) throw new AppError('VALIDATION', 'Choose a model of this organisation.', { fieldErrors: { modelId: ['Choose a model of this organisation'] } });
    if (input.versionId) {
      const version = await tx.modelVersion.findFirst({ where: { id: input.versionId, modelId: model.id, orgId: actor.orgId }, select: { id: true } });
      if (!version) throw new AppError('VALIDATION', 'The version is not a version of that model.', { fieldErrors: { versionId: ['Choose a version of the chosen model'] } });
    }
    const approver = await tx.user.findFirst({ where: { id: input.approverId, orgId: actor.orgId }, select: { id: true } });
    if (!approver) throw new AppError('VALIDATION', 'Choose the approver from the people of this organisation.', { fieldErrors: { approverId: ['Choose a person of this organisation'] } });
    const row = await tx.developmentDecision.create({
      data: {
        orgId: actor.orgId, modelId: model.id, versionId: input.versionId ?? null, title: input.title, context: input.context, decision: input.decision,
        alternatives: input.alternatives, consequences: input.consequences, approverId: approver.id, createdById: actor.userId, decidedAt: new Date(`${input.decidedAt}T00:00:00.000Z`),
      },
      select: { id: true },
    });
    await recordEvent(tx, actor, { action: 'development-decision.recorded', entityType: 'DevelopmentDecision', entityId: row.id, changes: { modelId: model.id, versionId: input.versionId ?? null, title: input.title, approverId: approver.id } });
    return row;
  });
}

/** For the model card: the records of this version and those of the whole model, newest first. */
export async function developmentDecisionsForCard(actor: Actor, modelKey: string, versionLabel: string): Promise<DevelopmentDecisionView[]> {
  authorize(actor, 'decisions:read');
  const version = await db.modelVersion.findFirst({ where: { orgId: actor.orgId, label: versionLabel, model: { key: modelKey } }, select: { id: true, modelId: true } });
  if (!version) return [];
  const rows = await db.developmentDecision.findMany({
    where: { orgId: actor.orgId, modelId: version.modelId, OR: [{ versionId: version.id }, { versionId: null }] },
    orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
    take: 50,
    select,
  });
  return views(actor.orgId, rows);
}

/**
 * For the technical documentation (Annex IV point 2): every record of the
 * system's models, oldest first, with the models that have a version, so the
 * reader can tell which of them lack a record.
 */
export async function developmentDecisionsForSystem(actor: Actor, systemId: string): Promise<{ records: DevelopmentDecisionView[]; models: { id: string; key: string; name: string }[] }> {
  authorize(actor, 'decisions:read');
  const models = await db.model.findMany({ where: { orgId: actor.orgId, systemId, versions: { some: {} } }, orderBy: { name: 'asc' }, select: { id: true, key: true, name: true } });
  if (!models.length) return { records: [], models };
  const rows = await db.developmentDecision.findMany({
    where: { orgId: actor.orgId, modelId: { in: models.map((m) => m.id) } },
    orderBy: [{ decidedAt: 'asc' }, { id: 'asc' }],
    take: 500,
    select,
  });
  return { records: await views(actor.orgId, rows), models };
}
