import { userActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { publishTrustCentre } from '@/lib/trust/mutations';

/**
 * The demo's trust centre, published at /trust/<slug>: valid certifications,
 * three frameworks with a status, a security contact and the production
 * attestations. Last in the seed, so it snapshots the other domains' data.
 */
export async function seedTrust(orgId: string, log: (line: string) => void): Promise<void> {
  if (await db.trustCentre.findUnique({ where: { orgId }, select: { orgId: true } })) return;
  const admin = await db.user.findFirst({ where: { orgId, role: 'ADMIN', active: true }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  if (!admin) return;
  const keys = await db.framework.findMany({ where: { orgId, key: { in: ['iso-42001', 'nist-ai-rmf', 'eu-ai-act'] } }, select: { key: true } });
  const statuses = ['COMPLIANT', 'IN_PROGRESS', 'PLANNED'] as const;
  const r = await publishTrustCentre(userActor(admin, { id: 'seed', ip: null }), {
    enabled: true,
    showCertifications: true,
    showFrameworks: true,
    showAttestations: true,
    securityContact: 'security@acme.example',
    frameworks: keys.map((k, i) => ({ key: k.key, status: statuses[i % statuses.length] })),
  });
  log(`seed: trust centre published at /trust/${r.slug}`);
}
