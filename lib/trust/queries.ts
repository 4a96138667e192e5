import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { listPolicies } from '@/lib/policies/queries';
import { listFrameworks } from '@/lib/requirements/queries';
import { trustFrameworkSchema, type TrustStatus } from './schema';

/** The admin settings page: what shows, each framework's chosen status, and when it was last published. */
export async function getTrustSettings(actor: Actor) {
  authorize(actor, 'trust:manage');
  const [row, org, frameworks, policies] = await Promise.all([
    db.trustCentre.findUnique({ where: { orgId: actor.orgId } }),
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { slug: true } }),
    listFrameworks(actor),
    listPolicies(actor).then((p) => p.items).catch((e: { code?: string }) => (e.code === 'FORBIDDEN' ? [] : Promise.reject(e))),
  ]);
  const nda = row?.ndaVersion ? await db.trustNda.findUnique({ where: { orgId_version: { orgId: actor.orgId, version: row.ndaVersion } }, select: { version: true, text: true, sha256: true } }) : null;
  const chosenPolicies = new Set(Array.isArray(row?.policies) ? (row.policies as unknown[]).filter((p): p is string => typeof p === 'string') : []);
  const chosen = new Map<string, TrustStatus>();
  for (const f of Array.isArray(row?.frameworks) ? row.frameworks : []) {
    const parsed = trustFrameworkSchema.safeParse(f);
    if (parsed.success) chosen.set(parsed.data.key, parsed.data.status);
  }
  const views = row ? await db.trustView.count({ where: { orgId: actor.orgId, at: { gte: new Date(Date.now() - 30 * 86_400_000) } } }) : 0;
  return {
    slug: org.slug,
    enabled: row?.enabled ?? false,
    showCertifications: row?.showCertifications ?? true,
    showFrameworks: row?.showFrameworks ?? true,
    showAttestations: row?.showAttestations ?? true,
    securityContact: row?.securityContact ?? '',
    publishedAt: row?.publishedAt?.toISOString() ?? null,
    viewsLast30Days: views,
    frameworks: frameworks.map((f) => ({ key: f.key, name: f.name, status: chosen.get(f.key) ?? null })),
    showPolicies: row?.showPolicies ?? false,
    policies: policies.map((p) => ({ id: p.id, title: p.title, published: p.currentVersion?.label ?? null, chosen: chosenPolicies.has(p.id) })),
    nda: nda ? { version: nda.version, text: nda.text, sha256: nda.sha256 } : null,
    capabilities: { publish: true },
  };
}

export { listTrustDocuments, listTrustRequests } from './documents';
