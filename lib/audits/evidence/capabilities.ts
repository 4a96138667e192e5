import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import type { Ownable } from '@/lib/auth/permissions';
import type { db, Tx } from '@/lib/db';
import type { evidenceMetaSchema } from './schema';

/**
 * Everything the evidence would be linked to, each with its owners. The right
 * to link is checked against each one: owning one target never lets you
 * attach evidence to the others (or fulfil someone else's request).
 */
export async function linkTargets(tx: Tx | typeof db, orgId: string, m: ReturnType<typeof evidenceMetaSchema.parse>): Promise<Ownable[]> {
  const ids = (xs: string[]) => [...new Set(xs)];
  const [findings, requirements, controls, cells, versions, request] = await Promise.all([
    m.findingIds.length ? tx.finding.findMany({ where: { orgId, id: { in: ids(m.findingIds) } }, select: { ownerId: true } }) : [],
    m.requirementIds.length ? tx.requirement.findMany({ where: { orgId, id: { in: ids(m.requirementIds) } }, select: { ownerId: true } }) : [],
    m.controlIds.length ? tx.control.findMany({ where: { orgId, id: { in: ids(m.controlIds) } }, select: { ownerId: true } }) : [],
    m.cellIds.length
      ? tx.matrixCell.findMany({ where: { orgId, id: { in: ids(m.cellIds) } }, select: { requirement: { select: { ownerId: true } }, system: { select: { technicalOwnerId: true, businessOwnerId: true } } } })
      : [],
    m.modelVersionIds.length
      ? tx.modelVersion.findMany({ where: { orgId, id: { in: ids(m.modelVersionIds) } }, select: { createdById: true, model: { select: { ownerId: true } } } })
      : [],
    m.requestId ? tx.evidenceRequest.findFirst({ where: { orgId, id: m.requestId }, select: { assigneeId: true } }) : null,
  ]);
  return [
    ...findings.map((f) => ({ ownerIds: [f.ownerId] })),
    ...requirements.map((r) => ({ ownerIds: [r.ownerId] })),
    ...controls.map((c) => ({ ownerIds: [c.ownerId] })),
    // A matrix cell belongs to whoever may edit it: the requirement's and the system's owners.
    ...cells.map((c) => ({ ownerIds: [c.requirement.ownerId, c.system.technicalOwnerId, c.system.businessOwnerId] })),
    ...versions.map((v) => ({ ownerIds: [v.model.ownerId, v.createdById] })),
    ...(request ? [{ ownerIds: [request.assigneeId] }] : []),
  ];
}

/** Compliance and admins link anywhere; everyone else only to what they own or were asked for, target by target. */
export function authorizeLinks(actor: Actor, targets: Ownable[]) {
  if (!targets.length) authorize(actor, 'evidence:write');
  for (const t of targets) authorize(actor, 'evidence:write', t);
}

/** The same rule as a yes/no, for what the screens offer. */
export function mayLink(actor: Actor, targets: Ownable[]): boolean {
  return targets.length ? targets.every((t) => can(actor, 'evidence:write', t)) : can(actor, 'evidence:write');
}
