import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// MLflow import and sync against a loopback server answering the three REST
// endpoints with responses recorded from a real MLflow 2.10.2 server
// (lib/interchange/fixtures/mlflow/README.md).
await setupTestDatabase('mlflow_import');
const { db } = await import('@/lib/db');
const { systemActor } = await import('@/lib/auth/actor');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('@/lib/models/mutations');
const { saveMlflowConnection, syncMlflow, syncAllMlflow } = await import('./mlflow/mutations');
const { getMlflowSettings, listMlflowImports } = await import('./mlflow/queries');
const { JOBS } = await import('@/lib/jobs/registry');

type Fixture = Record<string, Record<string, unknown>>;
const load = (name: string) => JSON.parse(readFileSync(path.join(__dirname, 'fixtures/mlflow', name), 'utf8')) as Fixture;
const TOKEN = 'dapi-secret-token-7f3a';
let state: Fixture = load('sync-1.json');
type RecordedVersion = { name: string; version: string; run_id: string; source: string };
/** The recorded version (ids and artifact URIs are MLflow's own). */
const recorded = (f: Fixture, name: string, version: string) =>
  Object.values(f['model-versions/search']![name] as Record<string, { model_versions: RecordedVersion[] }>)
    .flatMap((p) => p.model_versions)
    .find((v) => v.version === version)!;
const requests: string[] = [];
let server: Server;
let url = '';

function answer(pathname: string, q: URLSearchParams): [number, unknown] {
  const token = q.get('page_token') ?? '';
  if (pathname === '/api/2.0/mlflow/registered-models/search') return [200, state['registered-models/search']![token]];
  if (pathname === '/api/2.0/mlflow/model-versions/search') {
    const name = /^name='(.*)'$/.exec(q.get('filter') ?? '')?.[1] ?? '';
    const pages = state['model-versions/search']![name] as Record<string, unknown> | undefined;
    return [200, pages?.[token] ?? { model_versions: [] }];
  }
  if (pathname === '/api/2.0/mlflow/runs/get') {
    const run = state['runs/get']![q.get('run_id') ?? ''];
    return run ? [200, run] : [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${q.get('run_id')} not found` }];
  }
  return [404, { error_code: 'ENDPOINT_NOT_FOUND', message: 'No such endpoint' }];
}

let actors: Record<Role, Actor>;
let orgId = '';
let systemId = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${u.pathname}?${u.searchParams}`);
    const [status, body] = req.headers.authorization === `Bearer ${TOKEN}` ? answer(u.pathname, u.searchParams) : [401, { error_code: 'UNAUTHENTICATED', message: 'Credential was not sent or was of an unsupported type' }];
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const org = await createOrgWithRoles('MLflow Org');
  actors = org.actors;
  orgId = org.orgId;
  systemId = (await db.aISystem.create({ data: { orgId, name: 'Payments', purpose: 'p', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH', technicalOwnerId: actors.ENGINEER.userId } })).id;
  // Governed before any import: the model and its version 1, already past draft.
  await m.createModel(actors.ENGINEER, { systemId, key: 'fraud-detector', name: 'Fraud detector', purpose: 'Scores card payments' });
  await m.createVersion(actors.ENGINEER, 'fraud-detector', { label: '1', artifactUri: 's3://hand/registered', artifactDigest: 'e'.repeat(64), metrics: [{ name: 'auc', value: 0.5 }] });
  await m.changeStage(actors.ENGINEER, 'fraud-detector', '1', { target: 'VALIDATION' });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('MLflow connection', () => {
  it('is set by administrators only; the token is stored encrypted and never shown', async () => {
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] as const) {
      await expect(saveMlflowConnection(actors[role], { url, token: TOKEN, systemId, ownerId: actors.ENGINEER.userId! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(syncMlflow(actors[role], { apply: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(saveMlflowConnection(actors.ADMIN, { url: 'ftp://x', systemId, ownerId: actors.ENGINEER.userId! })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(saveMlflowConnection(actors.ADMIN, { url, systemId: 'nope', ownerId: actors.ENGINEER.userId! })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { systemId: expect.any(Array) } });
    await saveMlflowConnection(actors.ADMIN, { url: `${url}/`, token: TOKEN, systemId, ownerId: actors.ENGINEER.userId!, syncEnabled: 'on' });
    const row = await db.mlflowConnection.findUniqueOrThrow({ where: { orgId } });
    expect(row.url).toBe(url);
    expect(row.tokenEnc).toMatch(/^v1\./);
    expect(row.tokenEnc).not.toContain(TOKEN);
    expect(row.tokenHint).toBe('7f3a');
    const settings = await getMlflowSettings(actors.ADMIN);
    expect(JSON.stringify(settings)).not.toContain(TOKEN);
    // Saving again without a token keeps the stored one.
    await saveMlflowConnection(actors.ADMIN, { url, token: '', systemId, ownerId: actors.ENGINEER.userId!, syncEnabled: 'on' });
    expect((await db.mlflowConnection.findUniqueOrThrow({ where: { orgId } })).tokenEnc).toBe(row.tokenEnc);
    const events = await db.auditEvent.findMany({ where: { orgId, action: 'mlflow.connection_saved' }, select: { changes: true } });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });
});

describe('MLflow import', () => {
  it('previews without writing, following every page token', async () => {
    const before = await db.modelVersion.count({ where: { orgId } });
    requests.length = 0;
    const preview = await syncMlflow(actors.ADMIN, { apply: false });
    expect(requests.filter((r) => r.startsWith('/api/2.0/mlflow/registered-models/search'))).toHaveLength(2);
    expect(requests.filter((r) => r.includes('model-versions/search') && r.includes('fraud-detector'))).toHaveLength(2);
    expect(requests.some((r) => r.includes('page_token=eyJvZmZzZXQiOiAxfQ%3D%3D'))).toBe(true);
    expect(preview.imported.map((i) => i.portal).sort()).toEqual(['churn-model 2', 'fraud-detector 2', 'fraud-detector 3']);
    expect(preview.conflicts).toEqual([expect.objectContaining({ mlflowModel: 'fraud-detector', mlflowVersion: '1', portal: 'fraud-detector 1' })]);
    expect(preview.skipped).toEqual([expect.objectContaining({ mlflowModel: 'Churn_Model', mlflowVersion: '1', reason: expect.stringContaining('FAILED_REGISTRATION') })]);
    expect(await db.modelVersion.count({ where: { orgId } })).toBe(before);
    expect(await db.mlflowImportedVersion.count({ where: { orgId } })).toBe(0);
  });

  it('imports new versions as drafts with run parameters, metrics, tags, artifact URI and digest; stages only suggested', async () => {
    const report = await syncMlflow(actors.ADMIN, { apply: true });
    expect(report.failed).toEqual([]);
    expect(report.imported).toHaveLength(3);
    const versions = await db.modelVersion.findMany({
      where: { orgId, mlflowImport: { isNot: null } },
      select: { label: true, stage: true, framework: true, artifactUri: true, artifactDigest: true, hyperparameters: true, notes: true, createdById: true, model: { select: { key: true, systemId: true, ownerId: true } }, metrics: { select: { name: true, value: true }, orderBy: { name: 'asc' } }, mlflowImport: true },
      orderBy: [{ model: { key: 'asc' } }, { label: 'asc' }],
    });
    expect(versions.map((v) => `${v.model.key} ${v.label} ${v.stage}`)).toEqual(['churn-model 2 DRAFT', 'fraud-detector 2 DRAFT', 'fraud-detector 3 DRAFT']);
    const [churn, f2, f3] = versions;
    // A new registered model becomes a portal model under the connection's system and owner.
    expect(churn!.model).toMatchObject({ systemId, ownerId: actors.ENGINEER.userId });
    expect(churn!.framework).toBe('xgboost 2.1.1');
    expect(churn!.mlflowImport).toMatchObject({ mlflowModel: 'Churn_Model', aliases: ['challenger'], suggestedStage: 'VALIDATION' });
    const fraud2 = recorded(state, 'fraud-detector', '2');
    expect(fraud2.source).toMatch(/^mlflow-artifacts:\/\d+\/[0-9a-f]{32}\/artifacts\/model$/);
    expect(f2!.artifactUri).toBe(fraud2.source);
    expect(f2!.artifactDigest).toBe('3f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7');
    expect(f2!.hyperparameters).toEqual({ max_depth: '6', n_estimators: '400', learning_rate: '0.05' });
    expect(f2!.metrics).toEqual([{ name: 'auc', value: 0.912 }, { name: 'log_loss', value: 0.338 }, { name: 'recall_at_1pct_fpr', value: 0.64 }]);
    expect(f2!.framework).toBe('sklearn 1.3.2');
    expect(f2!.notes).toContain('MLflow stage: Production');
    expect(f2!.notes).toContain('artifact_sha256=');
    expect(f2!.mlflowImport).toMatchObject({ mlflowStage: 'Production', suggestedStage: 'PRODUCTION', runId: fraud2.run_id });
    // An invalid digest tag records no digest and says so.
    expect(f3!.artifactDigest).toBeNull();
    expect(report.imported.find((i) => i.mlflowVersion === '3' && i.mlflowModel === 'fraud-detector')?.warnings.join(' ')).toMatch(/not a SHA-256 digest/);
    // MLflow 2.10 lists no aliases on model-versions/search: they come from the registered model's aliases.
    expect((state['model-versions/search']!['fraud-detector'] as Record<string, { model_versions: { aliases?: unknown }[] }>)['']!.model_versions.every((v) => v.aliases === undefined)).toBe(true);
    expect(f3!.mlflowImport).toMatchObject({ aliases: ['champion'], suggestedStage: 'PRODUCTION' });
    // The governed version 1 is untouched.
    const v1 = await db.modelVersion.findFirstOrThrow({ where: { orgId, label: '1', model: { key: 'fraud-detector' } }, select: { stage: true, artifactUri: true, mlflowImport: true } });
    expect(v1).toEqual({ stage: 'VALIDATION', artifactUri: 's3://hand/registered', mlflowImport: null });
    // Imported versions pass the portal's own gate: a draft cannot go to production.
    await expect(m.changeStage(actors.ENGINEER, 'fraud-detector', '2', { target: 'PRODUCTION' })).rejects.toMatchObject({ code: expect.stringMatching(/CONFLICT|VALIDATION|FORBIDDEN/) });
    // Each version's import is in the audit trail, as any registration is.
    expect(await db.auditEvent.count({ where: { orgId, action: 'mlflow.version_imported' } })).toBe(3);
    expect(await db.auditEvent.count({ where: { orgId, action: 'model.version_created', changes: { contains: '"kind":"mlflow"' } } })).toBe(3);
    const imports = await listMlflowImports(actors.ADMIN);
    expect(imports.map((i) => `${i.mlflowModel}/${i.mlflowVersion} → ${i.portal?.model} ${i.portal?.label}`)).toEqual(['Churn_Model/2 → churn-model 2', 'fraud-detector/2 → fraud-detector 2', 'fraud-detector/3 → fraud-detector 3']);
  });

  it('a second sync changes nothing when MLflow has not changed', async () => {
    const report = await syncMlflow(actors.ADMIN, { apply: true });
    expect(report).toMatchObject({ imported: [], gone: [], failed: [], unchanged: 3 });
    expect(report.conflicts).toHaveLength(1);
  });

  it('the scheduled sync picks up new versions (one that was not READY before), lists a deleted one and a changed one, and overwrites nothing', async () => {
    state = load('sync-2.json');
    const churnBefore = await db.modelVersion.findFirstOrThrow({ where: { orgId, label: '2', model: { key: 'churn-model' } }, select: { artifactUri: true, updatedAt: true } });
    const job = JOBS.find((j) => j.name === 'interchange.mlflow-sync')!;
    const now = new Date();
    const out = await job.handler({ jobId: 'j1', name: job.name, now, retryCount: 0, signal: new AbortController().signal, actor: (id) => systemActor(id, `job:${job.name}`) }, undefined);
    expect(out).toMatchObject({ connections: 1, imported: 2, failed: 0 });
    const conn = await getMlflowSettings(actors.ADMIN);
    const report = conn!.lastSyncReport!;
    // Churn_Model was deleted and registered again in MLflow: its version 1 is READY now, its version 2 another run.
    expect(report.imported.map((i) => i.portal).sort()).toEqual(['churn-model 1', 'fraud-detector 4']);
    expect(report.gone).toEqual([expect.objectContaining({ mlflowModel: 'fraud-detector', mlflowVersion: '2', portal: 'fraud-detector 2' })]);
    expect(report.conflicts.map((c) => `${c.mlflowModel}/${c.mlflowVersion}`).sort()).toEqual(['Churn_Model/2', 'fraud-detector/1']);
    expect(report.conflicts.find((c) => c.mlflowModel === 'Churn_Model')!.reason).toMatch(/model-retrained.*kept/);
    // The deleted version stays in the portal; the changed one is not rewritten.
    expect(await db.modelVersion.count({ where: { orgId, label: '2', model: { key: 'fraud-detector' } } })).toBe(1);
    expect((await db.mlflowImportedVersion.findFirstOrThrow({ where: { orgId, mlflowModel: 'fraud-detector', mlflowVersion: '2' } })).goneAt).toEqual(now);
    expect(await db.modelVersion.findFirstOrThrow({ where: { orgId, label: '2', model: { key: 'churn-model' } }, select: { artifactUri: true, updatedAt: true } })).toEqual(churnBefore);
    const f4 = await db.modelVersion.findFirstOrThrow({ where: { orgId, label: '4', model: { key: 'fraud-detector' } }, select: { stage: true, artifactDigest: true, createdById: true } });
    expect(f4).toEqual({ stage: 'DRAFT', artifactDigest: 'cd'.repeat(32), createdById: actors.ENGINEER.userId });
    expect(await db.auditEvent.count({ where: { orgId, action: 'mlflow.version_gone' } })).toBe(1);
  });

  it('a server that refuses the token is reported, and nothing is written', async () => {
    await saveMlflowConnection(actors.ADMIN, { url, token: 'wrong-token', systemId, ownerId: actors.ENGINEER.userId!, syncEnabled: 'on' });
    const count = await db.modelVersion.count({ where: { orgId } });
    await expect(syncMlflow(actors.ADMIN, { apply: true })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/HTTP 401.*UNAUTHENTICATED/) });
    const out = await syncAllMlflow((id) => systemActor(id, 'job:interchange.mlflow-sync'), new Date());
    expect(out).toMatchObject({ connections: 1, imported: 0, failed: 1 });
    expect((await getMlflowSettings(actors.ADMIN))!.lastSyncReport!.error).toMatch(/HTTP 401/);
    expect(await db.modelVersion.count({ where: { orgId } })).toBe(count);
  });
});
