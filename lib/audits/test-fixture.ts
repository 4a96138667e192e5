import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// Test tooling for the audit workspace's integration tests: a database of
// its own per test file, an organisation with one user per role, a framework
// with one requirement owned by the engineer, an AI system with a matrix
// cell, and an audit in fieldwork with the auditor assigned.

export const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export async function streamToBuffer(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export type AuditWorkspace = {
  actors: Record<Role, Actor>;
  orgId: string;
  auditId: string;
  frameworkId: string;
  requirementId: string;
  systemId: string;
  cellId: string;
};

/** Call at the top level of a test file, before importing lib modules that use the database. */
export async function setupAuditTestEnv(prefix: string) {
  const evidenceDir = await mkdtemp(path.join(tmpdir(), 'evidence-'));
  process.env.EVIDENCE_DIR = evidenceDir;
  process.env.EVIDENCE_MAX_MB = '1';
  const keys = generateKeyPairSync('ed25519');
  process.env.SIGNING_PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await setupTestDatabase(prefix);
  return { evidenceDir, publicPem };
}

/** Creates the organisation and the audit; call in beforeAll. */
export async function createAuditWorkspace(label = 'Audit Org'): Promise<AuditWorkspace> {
  const { db } = await import('@/lib/db');
  const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
  const { createAudit } = await import('./audits/mutations');
  const { actors, orgId } = await createOrgWithRoles(label);
  const fw = await db.framework.create({ data: { orgId, key: 'soc2', name: 'SOC 2', kind: 'STANDARD', jurisdiction: 'US', version: '2017' }, select: { id: true } });
  const req = await db.requirement.create({
    data: { orgId, frameworkId: fw.id, ref: 'CC6.1', title: 'Logical access', summary: 'Access is restricted', area: 'DATA_SECURITY', ownerId: actors.ENGINEER.userId },
    select: { id: true },
  });
  const sys = await db.aISystem.create({ data: { orgId, name: 'Triage assistant', purpose: 'triage', domain: 'HEALTHCARE', regions: ['EU'], riskTier: 'HIGH' }, select: { id: true } });
  const cell = await db.matrixCell.create({ data: { orgId, requirementId: req.id, systemId: sys.id, status: 'COMPLIANT' }, select: { id: true } });
  const a = await createAudit(actors.COMPLIANCE_OFFICER, {
    title: 'SOC 2 Type II 2026',
    kind: 'EXTERNAL',
    standard: 'SOC2_TYPE2',
    firm: 'Example LLP',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    status: 'FIELDWORK',
    frameworkIds: [fw.id],
    systemIds: [sys.id],
    auditorIds: [actors.AUDITOR.userId!],
  });
  return { actors, orgId, auditId: a.id, frameworkId: fw.id, requirementId: req.id, systemId: sys.id, cellId: cell.id };
}
