import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { readAuditSettings } from './settings';

/**
 * What an auditor may read: the audits they are assigned to, or everything
 * when configured as an internal auditor (or when all auditors see all).
 * `null` means no restriction (every role but the auditor). Other domains
 * can apply it: an auditor's reads are limited to `auditIds`' scope.
 * API tokens inherit the restriction of the auditor who created them.
 */
export type AuditorScope = null | {
  auditIds: string[];
  frameworkIds: string[];
  systemIds: string[];
};

async function auditorUserId(actor: Actor): Promise<string | null> {
  if (actor.kind === 'system') return null;
  if (actor.kind === 'user') return actor.role === 'AUDITOR' ? actor.userId : null;
  if (!actor.tokenId) return null;
  const token = await db.apiToken.findUnique({ where: { id: actor.tokenId }, select: { createdBy: { select: { id: true, role: true } } } });
  return token?.createdBy.role === 'AUDITOR' ? token.createdBy.id : null;
}

export async function auditorScope(actor: Actor): Promise<AuditorScope> {
  const userId = await auditorUserId(actor);
  if (!userId) return null;
  const settings = await readAuditSettings(actor.orgId);
  if (settings.allAuditorsSeeAll || settings.internalAuditorIds.includes(userId)) return null;
  const audits = await db.audit.findMany({
    where: { orgId: actor.orgId, assignments: { some: { userId } } },
    select: { id: true, scopeFrameworkIds: true, scopeSystemIds: true },
  });
  return {
    auditIds: audits.map((a) => a.id),
    frameworkIds: [...new Set(audits.flatMap((a) => a.scopeFrameworkIds))],
    systemIds: [...new Set(audits.flatMap((a) => a.scopeSystemIds))],
  };
}

export function auditWhere(scope: AuditorScope): Prisma.AuditWhereInput {
  return scope ? { id: { in: scope.auditIds } } : {};
}

export function findingWhere(scope: AuditorScope): Prisma.FindingWhereInput {
  return scope ? { auditId: { in: scope.auditIds } } : {};
}

/** Evidence an auditor sees: on their audits' findings or requests, on
 *  requirements of their audits' frameworks, or their audits' reports. */
export function evidenceWhere(scope: AuditorScope): Prisma.EvidenceWhereInput {
  if (!scope) return {};
  return {
    OR: [
      { findings: { some: { finding: { auditId: { in: scope.auditIds } } } } },
      { requests: { some: { auditId: { in: scope.auditIds } } } },
      { requirements: { some: { requirement: { frameworkId: { in: scope.frameworkIds } } } } },
      { auditReports: { some: { id: { in: scope.auditIds } } } },
    ],
  };
}

export function requestWhere(scope: AuditorScope): Prisma.EvidenceRequestWhereInput {
  return scope ? { auditId: { in: scope.auditIds } } : {};
}
