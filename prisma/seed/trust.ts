import { userActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { addTrustDocument, publishTrustCentre } from '@/lib/trust/mutations';

export const DEMO_NDA = `Mutual non-disclosure terms for documents from the Acme trust centre (demo).

1. The documents are confidential. Use them only to assess Acme as a supplier.
2. Do not share them outside your organisation, except with advisers bound by confidentiality.
3. Delete them when the assessment ends, or on Acme's request.
4. These terms last three years from the download.`;

/** A one-page PDF, written by hand so the demo needs no binary file in the repository. */
function demoPdf(title: string, lines: string[]): Buffer {
  const text = [title, '', ...lines].map((l, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${760 - i * 18} Td (${l.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * The demo's trust centre, published at /trust/<slug>: valid certifications,
 * three frameworks with a status, a security contact, the published
 * policies, the production attestations (signed when the model seed approved
 * them), and a SOC 2 report offered on request behind an NDA, with one
 * request waiting in compliance's queue. Last in the seed, so it snapshots
 * the other domains' data.
 */
export async function seedTrust(orgId: string, log: (line: string) => void): Promise<void> {
  if (await db.trustCentre.findUnique({ where: { orgId }, select: { orgId: true } })) return;
  const admin = await db.user.findFirst({ where: { orgId, role: 'ADMIN', active: true }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  if (!admin) return;
  const actor = userActor(admin, { id: 'seed', ip: null });
  const keys = await db.framework.findMany({ where: { orgId, key: { in: ['iso-42001', 'nist-ai-rmf', 'eu-ai-act'] } }, select: { key: true } });
  const statuses = ['COMPLIANT', 'IN_PROGRESS', 'PLANNED'] as const;
  const policies = await db.policy.findMany({ where: { orgId, currentVersionId: { not: null } }, select: { id: true } });
  const report = demoPdf('SOC 2 Type II report (demo)', ['Acme AI platform, period 1 January to 31 December 2025.', 'This is demonstration content, not a real audit report.']);
  const doc = await addTrustDocument(actor, {
    title: 'SOC 2 Type II report 2025',
    description: 'The independent auditor\u2019s report on the AI platform\u2019s controls, period 2025.',
    file: new File([new Uint8Array(report)], 'acme-soc2-type2-2025.pdf', { type: 'application/pdf' }),
  });
  const r = await publishTrustCentre(actor, {
    enabled: true,
    showCertifications: true,
    showFrameworks: true,
    showAttestations: true,
    showPolicies: true,
    policies: policies.map((p) => p.id),
    ndaText: DEMO_NDA,
    securityContact: 'security@acme.example',
    frameworks: keys.map((k, i) => ({ key: k.key, status: statuses[i % statuses.length] })),
  });
  const nda = await db.trustNda.findFirst({ where: { orgId }, orderBy: { version: 'desc' }, select: { version: true, sha256: true } });
  await db.trustDocumentRequest.create({
    data: { orgId, documentId: doc.id, name: 'Morgan Procurement', company: 'Globex Insurance', email: 'morgan@globex.example', ndaVersion: nda?.version ?? null, ndaSha256: nda?.sha256 ?? null, ndaAcceptedAt: new Date() },
  });
  const tc = await db.trustCentre.findUniqueOrThrow({ where: { orgId }, select: { snapshot: true } });
  const models = ((tc.snapshot as { attestations?: unknown[] } | null)?.attestations ?? []).length;
  log(`seed: trust centre published at /trust/${r.slug} (${models} signed production attestation(s), ${policies.length} policies, 1 document on request)`);
}
