import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, day, deny, PDF, setupAuditTestEnv } from '../test-fixture';

const { evidenceDir } = await setupAuditTestEnv('evidence');
const { db } = await import('@/lib/db');
const evidence = await import('./mutations');
const evidenceQueries = await import('./queries');
const findings = await import('../findings/mutations');
const requests = await import('../requests/mutations');

let actors: AuditWorkspace['actors'];
let requirementId: string;
let auditId: string;
let cellId: string;
let orgId: string;

async function counts() {
  return { findings: await db.finding.count(), evidence: await db.evidence.count(), events: await db.auditEvent.count() };
}

beforeAll(async () => {
  ({ actors, requirementId, auditId, cellId, orgId } = await createAuditWorkspace());
});

describe('evidence', () => {
  it('rejects empty, oversized and disguised files with nothing written', async () => {
    const before = await counts();
    const meta = { title: 'Policy', requirementIds: [requirementId] };
    await expect(evidence.addEvidence(actors.COMPLIANCE_OFFICER, meta, { name: 'empty.pdf', bytes: Buffer.alloc(0) })).rejects.toMatchObject({ code: 'VALIDATION', message: 'The file is empty.' });
    await expect(evidence.addEvidence(actors.COMPLIANCE_OFFICER, meta, { name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]) })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    await expect(evidence.addEvidence(actors.COMPLIANCE_OFFICER, meta, { name: 'report.pdf', bytes: exe })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('application/x-msdownload') });
    await expect(evidence.addEvidence(actors.COMPLIANCE_OFFICER, meta, { name: 'report.pdf', bytes: Buffer.from('just text') })).rejects.toMatchObject({ message: expect.stringContaining('named .pdf') });
    await deny(evidence.addEvidence(actors.AUDITOR, meta, { name: 'policy.pdf', bytes: PDF }));
    await deny(evidence.addEvidence(actors.ENGINEER, { title: 'Not mine', findingIds: [] }, { name: 'policy.pdf', bytes: PDF }));
    expect(await counts()).toEqual(before);
  });

  it('stores files with their SHA-256, records each download, and blocks a tampered file', async () => {
    // The engineer owns the requirement, so may attach evidence to it.
    const e = await evidence.addEvidence(actors.ENGINEER, { title: 'Access policy', requirementIds: [requirementId], validUntil: day(-1) }, { name: 'access-policy.pdf', bytes: PDF });
    expect(e.contentType).toBe('application/pdf');
    const got = await evidence.downloadEvidence(actors.AUDITOR, e.id);
    expect(got.kind === 'FILE' && got.bytes.equals(PDF)).toBe(true);
    expect(await db.auditEvent.count({ where: { entityId: e.id, action: 'evidence.downloaded', actorId: actors.AUDITOR.userId } })).toBe(1);
    const stale = await evidenceQueries.listEvidence(actors.COMPLIANCE_OFFICER, { stale: 'true' });
    expect(stale.items.map((x) => x.id)).toContain(e.id);

    const stored = await db.evidence.findUniqueOrThrow({ where: { id: e.id } });
    const file = path.join(evidenceDir, stored.storageKey!);
    await writeFile(file, Buffer.concat([await readFile(file), Buffer.from('tamper')]));
    await expect(evidence.downloadEvidence(actors.AUDITOR, e.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Integrity check failed') });
    expect(await db.auditEvent.count({ where: { entityId: e.id, action: 'evidence.tampering_detected' } })).toBe(1);
    await writeFile(file, PDF);
  });
});

describe('linking evidence', () => {
  it('checks the right to link against each target: owning one never opens the others or someone else\'s request', async () => {
    const mine = await findings.createFinding(actors.AUDITOR, { title: 'Engineer owns this', description: 'x', severity: 'LOW', auditId, ownerId: actors.ENGINEER.userId! });
    const theirs = await db.requirement.create({
      data: { orgId, frameworkId: (await db.requirement.findUniqueOrThrow({ where: { id: requirementId } })).frameworkId, ref: 'CC6.2', title: 'Owned by compliance', summary: 'x', area: 'DATA_SECURITY', ownerId: actors.COMPLIANCE_OFFICER.userId },
      select: { id: true },
    });
    const request = await requests.createEvidenceRequest(actors.AUDITOR, { title: 'For compliance', dueDate: day(7), requirementId: theirs.id, auditId });
    // The matrix cell belongs to the engineer's requirement, so it is theirs; make it someone else's.
    await db.requirement.update({ where: { id: requirementId }, data: { ownerId: actors.COMPLIANCE_OFFICER.userId } });
    const before = await counts();
    await deny(evidence.addEvidence(actors.ENGINEER, { title: 'Mixed', findingIds: [mine.id], requirementIds: [theirs.id] }, { name: 'a.pdf', bytes: PDF }));
    await deny(evidence.addEvidence(actors.ENGINEER, { title: 'Mixed', findingIds: [mine.id], cellIds: [cellId] }, { name: 'a.pdf', bytes: PDF }));
    await deny(evidence.addEvidence(actors.ENGINEER, { title: 'Mixed', findingIds: [mine.id], requestId: request.id }, { name: 'a.pdf', bytes: PDF }));
    expect(await counts()).toEqual(before);
    expect((await db.evidenceRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('OPEN');
    // Only what they own: accepted.
    await evidence.addEvidence(actors.ENGINEER, { title: 'Mine only', findingIds: [mine.id] }, { name: 'a.pdf', bytes: PDF });
    // The assignee fulfils their own request.
    await evidence.addEvidence(actors.COMPLIANCE_OFFICER, { title: 'Fulfilled', requestId: request.id }, { name: 'b.pdf', bytes: PDF });
    expect((await db.evidenceRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('SUBMITTED');
    await db.requirement.update({ where: { id: requirementId }, data: { ownerId: actors.ENGINEER.userId } });
  });
});
