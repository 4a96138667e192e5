import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { asStatement } from '../logic/oscal';
import { Prisma } from '@/lib/generated/prisma/client';
import { notFound } from '@/lib/errors';
import { statusFromControls } from '../logic/rules';
import { invertRelationship } from '../library-schema';
import { matrixFilterSchema, type MatrixFilter } from '../schema/matrix';

export async function listFrameworks(actor: Actor) {
  authorize(actor, 'requirements:read');
  const rows = await db.framework.findMany({
    where: { orgId: actor.orgId },
    orderBy: { name: 'asc' },
    select: { id: true, key: true, name: true, kind: true, jurisdiction: true, version: true, sourceRef: true, libraryVersion: true, isCustom: true, description: true, _count: { select: { requirements: true } } },
  });
  return rows.map(({ _count, ...f }) => ({ ...f, requirementCount: _count.requirements }));
}

export async function getFramework(actor: Actor, key: string) {
  authorize(actor, 'requirements:read');
  const f = await db.framework.findFirst({
    where: { orgId: actor.orgId, key },
    select: { id: true, key: true, name: true, kind: true, jurisdiction: true, version: true, sourceRef: true, libraryVersion: true, isCustom: true, description: true },
  });
  if (!f) throw notFound(`The framework "${key}"`);
  return f;
}

export async function listRequirements(actor: Actor, input: MatrixFilter & { page?: number; pageSize?: number } = {}) {
  authorize(actor, 'requirements:read');
  const f = matrixFilterSchema.parse(input);
  const page = Math.max(1, Math.floor(Number(input.page ?? 1)) || 1);
  const pageSize = Math.min(200, Math.max(1, Math.floor(Number(input.pageSize ?? 50)) || 50));
  const now = new Date();
  const where: Prisma.RequirementWhereInput = {
    orgId: actor.orgId,
    ...(f.framework ? { framework: { key: f.framework } } : {}),
    ...(f.area ? { area: f.area } : {}),
    ...(f.owner === 'unowned' ? { ownerId: null } : f.owner === 'me' ? { ownerId: actor.userId ?? '' } : f.owner ? { ownerId: f.owner } : {}),
    ...(f.aiOnly ? { aiSpecific: true } : {}),
    ...(f.overdue ? { nextReviewDue: { lt: now } } : {}),
    ...(f.q ? { OR: [{ ref: { contains: f.q, mode: 'insensitive' } }, { title: { contains: f.q, mode: 'insensitive' } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.requirement.findMany({
      where,
      orderBy: [{ framework: { key: 'asc' } }, { position: 'asc' }, { ref: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true, ref: true, title: true, summary: true, group: true, area: true, aiSpecific: true, ownerId: true, customised: true, reviewCadenceDays: true,
        lastReviewedAt: true, nextReviewDue: true, statusFromControls: true, libraryVersion: true,
        owner: { select: { name: true } }, framework: { select: { key: true, name: true } }, _count: { select: { controlMappings: true } },
      },
    }),
    db.requirement.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id, ref: r.ref, title: r.title, summary: r.summary, group: r.group, area: r.area, aiSpecific: r.aiSpecific, ownerId: r.ownerId, ownerName: r.owner?.name ?? null,
      customised: r.customised, reviewCadenceDays: r.reviewCadenceDays, statusFromControls: r.statusFromControls, libraryVersion: r.libraryVersion,
      lastReviewedAt: r.lastReviewedAt?.toISOString() ?? null, nextReviewDue: r.nextReviewDue?.toISOString() ?? null,
      overdue: Boolean(r.nextReviewDue && r.nextReviewDue < now), frameworkKey: r.framework.key, frameworkName: r.framework.name, controlCount: r._count.controlMappings,
      canReview: can(actor, 'reviews:record', { ownerIds: [r.ownerId] }),
    })),
    total,
    page,
    pageSize,
  };
}

export async function getRequirement(actor: Actor, id: string) {
  authorize(actor, 'requirements:read');
  const r = await db.requirement.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      id: true, ref: true, title: true, summary: true, statement: true, group: true, area: true, aiSpecific: true, ownerId: true, customised: true, editedAt: true, reviewCadenceDays: true,
      lastReviewedAt: true, nextReviewDue: true, statusFromControls: true, libraryVersion: true,
      owner: { select: { name: true } }, framework: { select: { key: true, name: true } },
      controlMappings: { select: { id: true, relationship: true, rationale: true, control: { select: { id: true, key: true, name: true, status: true } } } },
      crosswalkFrom: { where: { removedAt: null }, select: { id: true, relationship: true, rationale: true, to: { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } } },
      crosswalkTo: { where: { removedAt: null }, select: { id: true, relationship: true, rationale: true, from: { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } } },
      reviews: { orderBy: { reviewedAt: 'desc' }, take: 20, select: { id: true, outcome: true, notes: true, reviewedAt: true, quarter: true, reviewerName: true } },
    },
  });
  if (!r) throw notFound('The requirement');
  const derived = statusFromControls(r.controlMappings.map((m) => m.control.status));
  // The two directions are returned once, merged, as `crosswalk`.
  const { crosswalkFrom, crosswalkTo, ...rest } = r;
  return {
    ...rest,
    ownerName: r.owner?.name ?? null,
    statement: asStatement(r.statement),
    editedAt: r.editedAt?.toISOString() ?? null,
    lastReviewedAt: r.lastReviewedAt?.toISOString() ?? null,
    nextReviewDue: r.nextReviewDue?.toISOString() ?? null,
    overdue: Boolean(r.nextReviewDue && r.nextReviewDue.getTime() < Date.now()),
    controlStatus: r.controlMappings.length ? derived : null,
    crosswalk: [
      ...crosswalkFrom.map((m) => ({ id: m.id, relationship: m.relationship, rationale: m.rationale, other: m.to })),
      // Read from this requirement's side: a mapping stored the other way round has its relationship inverted.
      ...crosswalkTo.map((m) => ({ id: m.id, relationship: invertRelationship(m.relationship), rationale: m.rationale, other: m.from })),
    ],
    reviews: r.reviews.map((v) => ({ ...v, reviewedAt: v.reviewedAt.toISOString() })),
    canEdit: can(actor, 'library:manage'),
    canReview: can(actor, 'reviews:record', { ownerIds: [r.ownerId] }),
  };
}
