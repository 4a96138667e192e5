import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { auditorScope, evidenceWhere, findingWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { linkTargets, mayLink } from './capabilities';
import { evidenceCapabilities } from './rules';
import { evidenceMetaSchema, listEvidenceQuerySchema, type EvidenceSummary, type ListEvidenceQuery } from './schema';

const summarySelect = {
  id: true,
  title: true,
  kind: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  url: true,
  owner: { select: { name: true } },
  collectedBy: { select: { name: true } },
  collectedAt: true,
  validUntil: true,
  ownerId: true,
  collectedById: true,
  withdrawnAt: true,
  supersededById: true,
} satisfies Prisma.EvidenceSelect;

type Row = Prisma.EvidenceGetPayload<{ select: typeof summarySelect }>;

function toSummary(actor: Actor, e: Row, now = Date.now()): EvidenceSummary {
  return {
    id: e.id,
    title: e.title,
    kind: e.kind,
    fileName: e.fileName,
    contentType: e.contentType,
    size: e.size,
    sha256: e.sha256,
    url: e.url,
    ownerName: e.owner?.name ?? null,
    collectedByName: e.collectedBy?.name ?? null,
    collectedAt: e.collectedAt.toISOString(),
    validUntil: e.validUntil?.toISOString() ?? null,
    stale: !e.withdrawnAt && !!e.validUntil && e.validUntil.getTime() < now,
    withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
    supersededById: e.supersededById,
    capabilities: evidenceCapabilities(actor, e),
  };
}

export async function listEvidence(actor: Actor, input: ListEvidenceQuery = {}) {
  authorize(actor, 'audits:read');
  const q = listEvidenceQuerySchema.parse(input);
  const scope = await auditorScope(actor);
  const and: Prisma.EvidenceWhereInput[] = [{ orgId: actor.orgId }, evidenceWhere(scope)];
  if (q.q) and.push({ title: { contains: q.q, mode: 'insensitive' } });
  if (q.stale === 'true') and.push({ validUntil: { lt: new Date() }, withdrawnAt: null });
  if (q.findingId) and.push({ findings: { some: { findingId: q.findingId } } });
  if (q.requirementId) and.push({ requirements: { some: { requirementId: q.requirementId } } });
  const where = { AND: and };
  const [rows, total] = await Promise.all([
    db.evidence.findMany({
      where,
      orderBy: q.stale === 'true' ? [{ validUntil: 'asc' }, { id: 'asc' }] : [{ collectedAt: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: summarySelect,
    }),
    db.evidence.count({ where }),
  ]);
  const now = Date.now();
  return { items: rows.map((r) => toSummary(actor, r, now)), total, page: q.page, pageSize: q.pageSize };
}

export async function getEvidence(actor: Actor, id: string) {
  authorize(actor, 'audits:read');
  const scope = await auditorScope(actor);
  const e = await db.evidence.findFirst({
    where: { AND: [{ id, orgId: actor.orgId }, evidenceWhere(scope)] },
    select: {
      ...summarySelect,
      description: true,
      requirements: { select: { requirement: { select: { id: true, ref: true, title: true, framework: { select: { name: true } } } } } },
      cells: { select: { cell: { select: { id: true, requirement: { select: { ref: true } }, system: { select: { name: true } } } } } },
      controls: { select: { control: { select: { id: true, key: true, name: true } } } },
      // Evidence in scope may also be linked to findings of other audits: those stay unnamed.
      findings: { where: { finding: findingWhere(scope) }, select: { finding: { select: { id: true, title: true } } } },
      versions: { select: { modelVersion: { select: { id: true, label: true, model: { select: { name: true } } } } } },
    },
  });
  if (!e) throw notFound('The evidence');
  return {
    ...toSummary(actor, e),
    description: e.description,
    requirements: e.requirements.map((r) => ({ id: r.requirement.id, label: `${r.requirement.framework.name} ${r.requirement.ref} — ${r.requirement.title}` })),
    cells: e.cells.map((c) => ({ id: c.cell.id, label: `${c.cell.requirement.ref} × ${c.cell.system.name}` })),
    controls: e.controls.map((c) => ({ id: c.control.id, label: `${c.control.key} — ${c.control.name}` })),
    findings: e.findings.map((f) => ({ id: f.finding.id, label: f.finding.title })),
    versions: e.versions.map((v) => ({ id: v.modelVersion.id, label: `${v.modelVersion.model.name} ${v.modelVersion.label}` })),
  };
}

/**
 * Whether this person may add evidence here: anywhere (compliance, admins),
 * or to a finding they may link evidence to — the rule the upload applies.
 */
export async function evidenceUploadCapability(actor: Actor, findingId?: string): Promise<boolean> {
  authorize(actor, 'audits:read');
  const meta = evidenceMetaSchema.parse({ title: 'capability check', findingIds: findingId ? [findingId] : [] });
  return mayLink(actor, await linkTargets(db, actor.orgId, meta));
}
