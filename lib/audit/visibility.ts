import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { auditorScope, certificationWhere, evidenceWhere, findingWhere, requestWhere, type AuditorScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

/** The entity types whose events carry an audit's data; their actions are named `<type>.<verb>`. */
export const AUDIT_ENTITY_TYPES = ['audit', 'finding', 'evidence', 'evidence_request', 'certification'] as const;

/** Whether an action belongs to one of the audit workspace's entity types. */
export function isAuditAction(action: string): boolean {
  return AUDIT_ENTITY_TYPES.some((t) => action.startsWith(`${t}.`));
}

/**
 * The audit-trail events an actor may read, as a `where` clause: everything
 * for an unrestricted actor; for an auditor with a scope, every event of the
 * other domains, and events of audits, findings, evidence, evidence requests
 * and certifications only when that record is in their scope. An audit
 * workspace event about no single record (an export) is theirs only if they
 * made it. The chain itself is verified over every event.
 */
export async function auditEventWhere(actor: Actor, known?: AuditorScope): Promise<Prisma.AuditEventWhereInput> {
  const scope = known === undefined ? await auditorScope(actor) : known;
  if (!scope) return {};
  const orgId = actor.orgId;
  const [findings, evidence, requests, certifications] = await Promise.all([
    db.finding.findMany({ where: { orgId, ...findingWhere(scope) }, select: { id: true } }),
    db.evidence.findMany({ where: { AND: [{ orgId }, evidenceWhere(scope)] }, select: { id: true } }),
    db.evidenceRequest.findMany({ where: { orgId, ...requestWhere(scope) }, select: { id: true } }),
    db.certification.findMany({ where: { AND: [{ orgId }, certificationWhere(scope)] }, select: { id: true } }),
  ]);
  const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);
  const visible: [string, string[]][] = [
    ['audit', scope.auditIds],
    ['finding', idsOf(findings)],
    ['evidence', idsOf(evidence)],
    ['evidence_request', idsOf(requests)],
    ['certification', idsOf(certifications)],
  ];
  return {
    OR: [
      { entityType: { notIn: [...AUDIT_ENTITY_TYPES] } },
      ...visible.filter(([, ids]) => ids.length).map(([entityType, ids]) => ({ entityType, entityId: { in: ids } })),
      ...(actor.userId ? [{ entityType: { in: [...AUDIT_ENTITY_TYPES] }, entityId: null, actorId: actor.userId }] : []),
    ],
  };
}
