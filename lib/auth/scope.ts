import 'server-only';
import { z } from 'zod';
import type { Actor } from './actor';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

/**
 * What an auditor may read: the audits they are assigned to, or everything
 * when configured as an internal auditor (or when all auditors see all).
 * `null` means no restriction (every role but the auditor). Every domain
 * that can show an audit's data applies it in its `where` clauses.
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

/** The Setting table is deployment-wide, so each organisation's audit
 *  workspace settings (visibility among them) live under their own key. */
export const auditSettingKey = (orgId: string) => `audits:${orgId}`;

const visibilitySchema = z.object({ allAuditorsSeeAll: z.boolean().catch(false), internalAuditorIds: z.array(z.string()).catch([]) });

/** Which auditors see everything, from the audit workspace settings. */
async function readAuditorVisibility(orgId: string) {
  const row = await db.setting.findUnique({ where: { key: auditSettingKey(orgId) }, select: { value: true } });
  const parsed = visibilitySchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : { allAuditorsSeeAll: false, internalAuditorIds: [] };
}

export async function auditorScope(actor: Actor): Promise<AuditorScope> {
  const userId = await auditorUserId(actor);
  if (!userId) return null;
  const settings = await readAuditorVisibility(actor.orgId);
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

/** Certifications an auditor sees: those their audits led to, and those no
 *  audit in the portal led to (the organisation's standing certificates). */
export function certificationWhere(scope: AuditorScope): Prisma.CertificationWhereInput {
  return scope ? { OR: [{ auditId: null }, { auditId: { in: scope.auditIds } }] } : {};
}

/** Data-subject requests an auditor sees: those about an AI system in their
 *  audits' scope (as the decision log); requests about no system stay hidden,
 *  they concern people, not the systems under audit. */
export function subjectRequestWhere(scope: AuditorScope): Prisma.SubjectRequestWhereInput {
  return scope ? { systemId: { in: scope.systemIds } } : {};
}

/** DPIAs and FRIAs: a restricted auditor reads those of the systems in their audits. */
export function privacyAssessmentWhere(scope: AuditorScope): Prisma.PrivacyAssessmentWhereInput {
  return scope ? { systemId: { in: scope.systemIds } } : {};
}
