import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { auditorScope, certificationWhere, evidenceWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { CERT_EXPIRY_WARN_DAYS } from './schema';

const DAY = 86_400_000;

export async function listCertifications(actor: Actor) {
  authorize(actor, 'audits:read');
  const scope = await auditorScope(actor);
  const rows = await db.certification.findMany({
    where: { AND: [{ orgId: actor.orgId }, certificationWhere(scope)] },
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
  // A report is named only to those who may read that evidence.
  const reportIds = rows.flatMap((c) => (c.reportEvidence ? [c.reportEvidence.id] : []));
  const readable = scope
    ? new Set((await db.evidence.findMany({ where: { AND: [{ id: { in: reportIds } }, evidenceWhere(scope)] }, select: { id: true } })).map((e) => e.id))
    : null;
  const now = Date.now();
  return rows.map((c) => {
    const daysLeft = Math.ceil((c.expiresAt.getTime() - now) / DAY);
    return {
      ...c,
      reportEvidence: c.reportEvidence && (!readable || readable.has(c.reportEvidence.id)) ? c.reportEvidence : null,
      issuedAt: c.issuedAt.toISOString(),
      expiresAt: c.expiresAt.toISOString(),
      daysLeft,
      expired: daysLeft < 0,
      expiringSoon: daysLeft >= 0 && daysLeft <= CERT_EXPIRY_WARN_DAYS,
    };
  });
}
export type CertificationView = Awaited<ReturnType<typeof listCertifications>>[number];
