import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { CERT_EXPIRY_WARN_DAYS } from './schema';

const DAY = 86_400_000;

export async function listCertifications(actor: Actor) {
  authorize(actor, 'audits:read');
  const rows = await db.certification.findMany({
    where: { orgId: actor.orgId },
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
    take: 500,
    select: {
      id: true,
      name: true,
      standard: true,
      issuer: true,
      scope: true,
      issuedAt: true,
      expiresAt: true,
      audit: { select: { id: true, title: true } },
      reportEvidence: { select: { id: true, title: true } },
    },
  });
  const now = Date.now();
  return rows.map((c) => {
    const daysLeft = Math.ceil((c.expiresAt.getTime() - now) / DAY);
    return {
      ...c,
      issuedAt: c.issuedAt.toISOString(),
      expiresAt: c.expiresAt.toISOString(),
      daysLeft,
      expired: daysLeft < 0,
      expiringSoon: daysLeft >= 0 && daysLeft <= CERT_EXPIRY_WARN_DAYS,
    };
  });
}
export type CertificationView = Awaited<ReturnType<typeof listCertifications>>[number];
