import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { assertInOrg } from '@/lib/auth/org';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { certificationInputSchema, type CertificationInput } from './schema';

const asDate = (d: string) => new Date(`${d}T00:00:00.000Z`);

export async function createCertification(actor: Actor, input: CertificationInput) {
  authorize(actor, 'audits:manage');
  const data = certificationInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    await assertInOrg(tx, actor.orgId, 'auditId', 'audit', [data.auditId], { message: 'Unknown audit.', field: 'Unknown audit' });
    await assertInOrg(tx, actor.orgId, 'reportEvidenceId', 'evidence', [data.reportEvidenceId], { message: 'Unknown report evidence.', field: 'Unknown evidence' });
    const cert = await tx.certification.create({
      data: {
        orgId: actor.orgId,
        name: data.name,
        standard: data.standard,
        issuer: data.issuer,
        scope: data.scope,
        issuedAt: asDate(data.issuedAt),
        expiresAt: asDate(data.expiresAt),
        auditId: data.auditId ?? null,
        reportEvidenceId: data.reportEvidenceId ?? null,
      },
      select: { id: true, name: true, expiresAt: true },
    });
    await recordEvent(tx, actor, { action: 'certification.created', entityType: 'certification', entityId: cert.id, after: data });
    return { ...cert, expiresAt: cert.expiresAt.toISOString() };
  });
}
