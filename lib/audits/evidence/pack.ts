import 'server-only';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { csvCell } from '@/lib/csv';
import { recordEvent } from '@/lib/audit/record';
import { auditorScope, auditWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { safeFileName } from '@/lib/file-name';
import { signBytes } from '@/lib/signing/keys';
import { citeRequirement } from '@/lib/requirements/schema';
import { cellsAsOf, endOfPeriod } from './matrix-as-of';
import { readVerifiedFile } from './mutations';
import type { PackManifest } from './pack-verify';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The evidence that belongs to an audit: on its findings or requests, on
 *  requirements of its frameworks, or its final report. */
function auditEvidenceWhere(audit: { id: string; scopeFrameworkIds: string[]; reportEvidenceId: string | null }, orgId: string) {
  return {
    orgId,
    // Withdrawn or superseded evidence is kept for history but leaves packs.
    withdrawnAt: null,
    OR: [
      { findings: { some: { finding: { auditId: audit.id } } } },
      { requests: { some: { auditId: audit.id } } },
      { requirements: { some: { requirement: { frameworkId: { in: audit.scopeFrameworkIds } } } } },
      ...(audit.reportEvidenceId ? [{ id: audit.reportEvidenceId }] : []),
    ],
  };
}

/**
 * Builds the signed evidence pack of an audit as a ZIP stream. The manifest
 * is computed first from the recorded hashes; each file is then read,
 * re-checked against its hash (a mismatch aborts the pack as tampering) and
 * streamed. Entries are stored, not deflated, so the exact size is known up
 * front and the browser can show real progress.
 */
export async function buildEvidencePack(actor: Actor, auditId: string) {
  authorize(actor, 'audits:read');
  const scope = await auditorScope(actor);
  const audit = await db.audit.findFirst({
    where: { AND: [{ id: auditId, orgId: actor.orgId }, auditWhere(scope)] },
    select: { id: true, title: true, kind: true, standard: true, status: true, firm: true, periodStart: true, periodEnd: true, scopeFrameworkIds: true, scopeSystemIds: true, reportEvidenceId: true },
  });
  if (!audit) throw notFound('The audit');

  const [evidence, findings, cells] = await Promise.all([
    db.evidence.findMany({
      where: auditEvidenceWhere(audit, actor.orgId),
      orderBy: { id: 'asc' },
      select: { id: true, title: true, kind: true, url: true, fileName: true, contentType: true, size: true, sha256: true, storageKey: true, collectedAt: true, validUntil: true },
    }),
    db.finding.findMany({
      where: { auditId: audit.id, orgId: actor.orgId },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true, title: true, description: true, severity: true, status: true, source: true, remediationPlan: true,
        dueDate: true, createdAt: true, closedAt: true, riskRationale: true, riskExpiresAt: true,
        owner: { select: { name: true } },
        requirements: { select: { requirement: { select: { ref: true, title: true, framework: { select: { key: true, name: true, version: true, isCustom: true } } } } } },
        evidence: { select: { evidenceId: true } },
      },
    }),
    db.matrixCell.findMany({
      where: {
        orgId: actor.orgId,
        requirement: { frameworkId: { in: audit.scopeFrameworkIds } },
        ...(audit.scopeSystemIds.length ? { systemId: { in: audit.scopeSystemIds } } : {}),
      },
      orderBy: [{ requirementId: 'asc' }, { systemId: 'asc' }],
      select: {
        id: true, status: true, notes: true, justification: true, evidenceUrl: true, assessedAt: true, createdAt: true, assessedBy: { select: { name: true } },
        requirement: { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true, version: true, isCustom: true } } } },
        system: { select: { id: true, name: true } },
        evidenceLinks: { select: { evidenceId: true, evidence: { select: { createdAt: true } } } },
      },
    }),
  ]);
  const history = findings.length
    ? await db.auditEvent.findMany({
        where: { entityType: 'finding', entityId: { in: findings.map((f) => f.id) } },
        orderBy: { seq: 'asc' },
        select: { seq: true, at: true, actorLabel: true, action: true, entityId: true, changes: true, reason: true, hash: true },
      })
    : [];

  const files = evidence.filter((e) => e.kind === 'FILE' && e.storageKey && e.sha256 && e.size != null);
  const generatedAt = new Date().toISOString();

  // The matrix as of the period's end, replayed from the audit trail; a period
  // that has not ended yet is snapshotted as it stands now.
  const periodOver = endOfPeriod(audit.periodEnd).getTime() <= Date.parse(generatedAt);
  const asOf = periodOver ? endOfPeriod(audit.periodEnd) : new Date(generatedAt);
  const cellEvents =
    periodOver && cells.length
      ? await db.auditEvent.findMany({
          where: { orgId: actor.orgId, entityType: 'matrix_cell', entityId: { in: cells.map((c) => c.id) } },
          select: { seq: true, at: true, entityId: true, actorLabel: true, changes: true },
        })
      : [];
  const replayed = cellsAsOf(
    cells.map((c) => ({ id: c.id, status: c.status, notes: c.notes, justification: c.justification, evidenceUrl: c.evidenceUrl, assessedAt: c.assessedAt, assessedBy: c.assessedBy?.name ?? null, createdAt: c.createdAt })),
    cellEvents.map((e) => ({ ...e, entityId: e.entityId! })),
    asOf,
  );
  const laterCount = replayed.filter((c) => c.recordedAfterAsOf).length;
  const snapshotInfo = {
    asOf: asOf.toISOString(),
    basis: periodOver ? 'audit-trail' : 'current',
    note: periodOver
      ? `The matrix as it stood at the end of the audit period (${asOf.toISOString()}), reconstructed from today's cells and the ${cellEvents.length} audit-trail events recorded on them.${laterCount ? ` ${laterCount} of ${cells.length} cells were first recorded after that time and appear as not assessed.` : ''}`
      : `The audit period ends ${audit.periodEnd.toISOString().slice(0, 10)}, after this pack was generated: the matrix is the current one, as of ${generatedAt}.`,
    cells: cells.length,
    cellsRecordedAfterAsOf: laterCount,
    eventsReplayed: cellEvents.filter((e) => e.at > asOf).length,
  };
  const findingsJson = Buffer.from(
    JSON.stringify(
      findings.map((f) => ({
        ...f,
        owner: f.owner?.name ?? null,
        requirements: f.requirements.map((r) => ({ citation: citeRequirement(r.requirement), framework: r.requirement.framework.name, ref: r.requirement.ref, title: r.requirement.title })),
        evidence: f.evidence.map((e) => e.evidenceId),
        history: history
          .filter((h) => h.entityId === f.id)
          .map((h) => ({ seq: Number(h.seq), at: h.at.toISOString(), actor: h.actorLabel, action: h.action, changes: h.changes ? JSON.parse(h.changes) : null, reason: h.reason, hash: h.hash })),
      })),
      null,
      2,
    ),
  );
  const matrixJson = Buffer.from(
    JSON.stringify(
      {
        ...snapshotInfo,
        cells: cells.map((c, i) => {
          const then = replayed[i];
          return {
            framework: c.requirement.framework.name,
            requirement: citeRequirement(c.requirement),
            requirementRef: c.requirement.ref,
            requirementTitle: c.requirement.title,
            system: c.system.name,
            status: then.status,
            notes: then.notes,
            justification: then.justification,
            assessedAt: then.assessedAt,
            assessedBy: then.assessedBy,
            ...(then.recordedAfterAsOf ? { recordedAfterAsOf: true } : {}),
            // Evidence added after the snapshot time was not there yet.
            evidence: c.evidenceLinks.filter((l) => l.evidence.createdAt <= asOf).map((l) => l.evidenceId),
          };
        }),
      },
      null,
      2,
    ),
  );
  const fileEntries = files.map((e) => ({ path: `evidence/${e.id}/${safeFileName(e.fileName, e.id)}`, sha256: e.sha256!, size: e.size!, evidenceId: e.id, title: e.title, contentType: e.contentType }));
  const dataEntries = [
    { path: 'findings.json', sha256: sha(findingsJson), size: findingsJson.length },
    { path: 'matrix-snapshot.json', sha256: sha(matrixJson), size: matrixJson.length },
  ];
  const csvLines = ['path,sha256,size,evidenceId,title,contentType'];
  for (const f of [...dataEntries, ...fileEntries]) {
    const ev = f as Partial<(typeof fileEntries)[number]>;
    csvLines.push([f.path, f.sha256, f.size, ev.evidenceId ?? '', ev.title ?? '', ev.contentType ?? ''].map(csvCell).join(','));
  }
  const manifestCsv = Buffer.from(`${csvLines.join('\n')}\n`);
  const manifest: PackManifest & Record<string, unknown> = {
    format: 'ai-governance-evidence-pack/1',
    audit: { id: audit.id, title: audit.title, kind: audit.kind, standard: audit.standard, status: audit.status, firm: audit.firm, periodStart: audit.periodStart.toISOString(), periodEnd: audit.periodEnd.toISOString() } as PackManifest['audit'],
    generatedAt,
    generatedBy: actor.label,
    matrixSnapshot: { file: 'matrix-snapshot.json', asOf: snapshotInfo.asOf, basis: snapshotInfo.basis, note: snapshotInfo.note },
    signature: { algorithm: 'Ed25519', file: 'manifest.sig', publicKey: '/api/v1/signing-key' },
    files: [...dataEntries, { path: 'manifest.csv', sha256: sha(manifestCsv), size: manifestCsv.length }, ...fileEntries],
    links: evidence.filter((e) => e.kind === 'LINK').map((e) => ({ evidenceId: e.id, title: e.title, url: e.url })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const signature = Buffer.from(`${signBytes(manifestBytes)}\n`);

  await db.$transaction((tx) =>
    recordEvent(tx, actor, {
      action: 'audit.evidence_pack_exported',
      entityType: 'audit',
      entityId: audit.id,
      changes: { manifestSha256: sha(manifestBytes), files: fileEntries.length, evidenceIds: fileEntries.map((f) => f.evidenceId) },
    }),
  );

  const zip = new ZipFile();
  const opts = { compress: false, mtime: new Date(generatedAt) };
  zip.addBuffer(manifestBytes, 'manifest.json', opts);
  zip.addBuffer(signature, 'manifest.sig', opts);
  zip.addBuffer(manifestCsv, 'manifest.csv', opts);
  zip.addBuffer(findingsJson, 'findings.json', opts);
  zip.addBuffer(matrixJson, 'matrix-snapshot.json', opts);
  for (const [i, f] of fileEntries.entries()) {
    const e = files[i];
    zip.addReadStreamLazy(f.path, { ...opts, size: f.size }, (cb) => {
      readVerifiedFile(actor, { id: e.id, storageKey: e.storageKey!, sha256: e.sha256! }).then(
        (bytes) => cb(null, Readable.from([bytes])),
        (error: unknown) => cb(error instanceof Error ? error : new Error(String(error)), null as never),
      );
    });
  }
  let totalBytes = -1;
  // @types/yazl omits the callback's argument: the exact archive size.
  (zip.end as (o: object, cb: (size: number) => void) => void)({}, (size) => {
    totalBytes = size;
  });
  zip.on('error', (error: Error) => (zip.outputStream as unknown as Readable).destroy(error));
  const fileName = safeFileName(`evidence-pack-${audit.title.toLowerCase()}-${generatedAt.slice(0, 10)}.zip`);
  return {
    fileName,
    totalBytes,
    files: fileEntries.length,
    stream: Readable.toWeb(zip.outputStream as unknown as Readable) as ReadableStream<Uint8Array>,
  };
}
