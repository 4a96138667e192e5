import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { publicBaseUrl } from '@/lib/env';
import { asStatement } from '@/lib/requirements/queries';
import { authorizeOrgExport, loadAuditReportData } from '@/lib/reports/queries';
import { buildAssessmentResults, buildCatalog, buildProfile, controlIdMap, type OscalContext } from './oscal';

const requirementOrder = [{ position: 'asc' as const }, { ref: 'asc' as const }];

async function context(actor: Actor, now: Date): Promise<OscalContext> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } });
  return { organisation: org.name, generatedAt: now.toISOString(), baseUrl: publicBaseUrl() };
}

const catalogHref = (id: string) => `${publicBaseUrl()}/api/v1/frameworks/${encodeURIComponent(id)}/oscal`;

async function findFramework(actor: Actor, keyOrId: string) {
  const f = await db.framework.findFirst({
    where: { orgId: actor.orgId, OR: [{ key: keyOrId }, { id: keyOrId }] },
    select: { id: true, key: true, name: true, version: true, description: true, isCustom: true, updatedAt: true },
  });
  if (!f) throw notFound(`The framework "${keyOrId}"`);
  return f;
}

/** A custom framework of the organisation as an OSCAL catalog. Shipped frameworks are not re-published (their text has its own licence). */
export async function exportFrameworkCatalog(actor: Actor, keyOrId: string, now = new Date()) {
  authorizeOrgExport(actor);
  authorize(actor, 'requirements:read');
  const f = await findFramework(actor, keyOrId);
  if (!f.isCustom) throw new AppError('VALIDATION', `"${f.name}" is a shipped framework: only the organisation's own (custom) frameworks are exported as OSCAL catalogs.`, { fieldErrors: { id: ['Choose a custom framework'] } });
  const requirements = await db.requirement.findMany({
    where: { frameworkId: f.id },
    orderBy: requirementOrder,
    select: { id: true, ref: true, title: true, summary: true, statement: true, group: true, area: true, aiSpecific: true },
  });
  const ctx = await context(actor, now);
  return buildCatalog(ctx, {
    framework: { ...f, updatedAt: f.updatedAt.toISOString() },
    requirements: requirements.map((r) => ({ ...r, statement: asStatement(r.statement) })),
  }).catalog;
}

/**
 * A framework selection as an OSCAL profile: the frameworks named, or those
 * confirmed for an AI system (then only the requirements assessed as
 * applicable to it, i.e. not NOT_APPLICABLE). Each import points at the
 * framework's catalog export.
 */
export async function exportFrameworkProfile(actor: Actor, input: { frameworks?: string[]; system?: string }, now = new Date()) {
  authorizeOrgExport(actor);
  authorize(actor, 'requirements:read');
  const ctx = await context(actor, now);
  if (input.system) {
    const system = await db.aISystem.findFirst({
      where: { orgId: actor.orgId, id: input.system },
      select: { id: true, name: true, updatedAt: true, frameworks: { where: { confirmed: true }, select: { framework: { select: { id: true, name: true } } } } },
    });
    if (!system) throw notFound('The AI system');
    const fws = system.frameworks.map((x) => x.framework);
    const [reqs, excluded] = await Promise.all([
      db.requirement.findMany({ where: { frameworkId: { in: fws.map((f) => f.id) } }, orderBy: requirementOrder, select: { id: true, ref: true, frameworkId: true } }),
      db.matrixCell.findMany({ where: { systemId: system.id, status: 'NOT_APPLICABLE' }, select: { requirementId: true } }),
    ]);
    const out = new Set(excluded.map((c) => c.requirementId));
    return buildProfile(ctx, {
      title: `Frameworks applicable to ${system.name}`,
      seed: `system:${system.id}`,
      lastModified: system.updatedAt.toISOString(),
      imports: fws.map((f) => {
        const own = reqs.filter((r) => r.frameworkId === f.id);
        const ids = controlIdMap(own);
        return { frameworkId: f.id, frameworkName: f.name, catalogHref: catalogHref(f.id), controlIds: own.filter((r) => !out.has(r.id)).map((r) => ids.get(r.id)!) };
      }),
    }).profile;
  }
  const keys = input.frameworks ?? [];
  if (!keys.length) throw new AppError('VALIDATION', 'Name the frameworks of the profile, or an AI system.', { fieldErrors: { frameworks: ['Name at least one framework, or give system'] } });
  const fws = await Promise.all(keys.map((k) => findFramework(actor, k)));
  const latest = fws.reduce((m, f) => (f.updatedAt > m ? f.updatedAt : m), fws[0].updatedAt);
  return buildProfile(ctx, {
    title: `Profile: ${fws.map((f) => f.name).join(', ')}`,
    seed: `frameworks:${fws.map((f) => f.id).join(',')}`,
    lastModified: latest.toISOString(),
    imports: fws.map((f) => ({ frameworkId: f.id, frameworkName: f.name, catalogHref: catalogHref(f.id), controlIds: 'all' as const })),
  }).profile;
}

/** An audit's findings, observations (evidence) and risks (remediation and verification history) as OSCAL assessment-results. */
export async function exportAuditAssessmentResults(actor: Actor, auditId: string, now = new Date()) {
  authorizeOrgExport(actor);
  const data = await loadAuditReportData(actor, auditId);
  const frameworkIds = [...new Set(data.findings.flatMap((f) => f.requirements.map((r) => r.frameworkId)))];
  const reqs = await db.requirement.findMany({ where: { frameworkId: { in: frameworkIds } }, orderBy: requirementOrder, select: { id: true, ref: true, frameworkId: true } });
  const controlId = new Map<string, string>();
  for (const fid of frameworkIds) for (const [k, v] of controlIdMap(reqs.filter((r) => r.frameworkId === fid))) controlId.set(k, v);
  const ctx = await context(actor, now);
  return buildAssessmentResults(
    ctx,
    {
      audit: data.audit,
      scope: { frameworks: data.scope.frameworks.map((f) => f.name), systems: data.scope.systems },
      findings: data.findings.map((f) => ({
        ...f,
        targets: f.requirements.map((r) => ({ controlId: controlId.get(r.id) ?? 'audit-scope', framework: r.framework })),
      })),
      otherEvidence: data.otherEvidence,
    },
    `${publicBaseUrl()}/audits/${encodeURIComponent(auditId)}`,
  )['assessment-results'];
}
