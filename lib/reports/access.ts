import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { auditorScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';

/**
 * Who owns what a document describes: an AI system's business and technical
 * owners and the owners of its models. Engineers export documents of the
 * systems and models they own; auditors, compliance officers and
 * administrators export any (reports:export in the permission table).
 */
export async function systemOwnerIds(orgId: string, systemId: string): Promise<string[]> {
  const s = await db.aISystem.findFirst({
    where: { id: systemId, orgId },
    select: { businessOwnerId: true, technicalOwnerId: true, models: { select: { ownerId: true, businessOwnerId: true } } },
  });
  if (!s) return [];
  return [s.businessOwnerId, s.technicalOwnerId, ...s.models.flatMap((m) => [m.ownerId, m.businessOwnerId])].filter((x): x is string => Boolean(x));
}

export async function authorizeSystemExport(actor: Actor, systemId: string, extraOwnerIds: (string | null)[] = []) {
  const ownerIds = [...(await systemOwnerIds(actor.orgId, systemId)), ...extraOwnerIds];
  authorize(actor, 'reports:export', { ownerIds });
  // An auditor assigned to particular audits exports the systems those audits cover.
  const scope = await auditorScope(actor);
  if (scope && !scope.systemIds.includes(systemId)) throw notFound('The AI system');
  return actor;
}

/** Organisation-wide documents (SoA, audit and board reports, OSCAL): no owner, so engineers may not. */
export function authorizeOrgExport(actor: Actor) {
  return authorize(actor, 'reports:export');
}

export const canExportOrg = (actor: Actor) => can(actor, 'reports:export');
