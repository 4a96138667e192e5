import { execFile } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { recorded } from '@/lib/audits/evidence/testdata/s3-responses';
import { startS3Server, type S3TestServer } from '@/lib/audits/evidence/testdata/s3-server';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import type { RawRecord } from './formats';

// The push of signed checkpoints to an S3-compatible bucket, end to end on
// the real queue: the checkpoint's transaction queues a job, pg-boss runs it,
// the job PUTs the object signed with SigV4 to a loopback server that plays
// S3 (it recomputes every signature with the secret and answers with S3's
// documented responses), and the outcome is what the checkpoints screen reads.

let sessionActor: Actor | null = null;
// The actions are tested as a browser calls them; only who is signed in is given (next/headers has no request here).
vi.mock('@/lib/auth/session', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/auth/session')>()), getActor: async () => sessionActor }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const tdb = await setupTestDatabase('decisions_s3push');
const { db } = await import('@/lib/db');
const webhooks = await import('@/lib/webhooks/mutations');
const { JOBS } = await import('@/lib/jobs/registry');
const { startJobRuntime } = await import('@/lib/jobs/runtime');
const { ingestDecisions } = await import('./ingest');
const { issueCheckpoint } = await import('./checkpoints');
const { savePushTarget, getPushTarget, removePushTarget } = await import('./push-target');
const { pushCheckpointsNow, PUSH_JOB, checkpointObjectKey } = await import('./push');
const { listCheckpoints } = await import('./checkpoint-list');
const { savePushTargetAction, pushCheckpointsNowAction } = await import('./actions');
const { decisionsFixture, sampleDecision } = await import('./test-fixture');
const { decisionProof } = await import('./proofs');
const { publicKeyPem } = await import('@/lib/signing/keys');
const run = promisify(execFile);

const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'eu-west-1' };
const BUCKET = 'decision-proofs';
const PREFIX = 'portal/prod';

let s3: S3TestServer;
let fx: Awaited<ReturnType<typeof decisionsFixture>>;
let runtime: Awaited<ReturnType<typeof startJobRuntime>>;

const settings = (over: Record<string, unknown> = {}) => ({ endpoint: s3.endpoint, region: creds.region, bucket: BUCKET, prefix: PREFIX, pathStyle: 'on', accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, ...over });

async function newCheckpoint() {
  const rows: RawRecord[] = [sampleDecision(), sampleDecision()].map((value, i) => ({ row: i + 1, value }));
  await ingestDecisions(fx.serving, fx.systemId, rows);
  const c = await issueCheckpoint(fx.actors.ADMIN);
  expect(c.created).toBe(true);
  return c;
}

async function waitFor<T>(read: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const pushOf = (treeSize: number) => db.decisionCheckpointPush.findFirst({ where: { orgId: fx.orgId, treeSize }, orderBy: { createdAt: 'desc' } });
const settled = (treeSize: number) => waitFor(async () => {
  const p = await pushOf(treeSize);
  return p && p.status !== 'PENDING' ? p : null;
});
const keyOf = (treeSize: number) => `${PREFIX}/${fx.orgId}/checkpoints/${String(treeSize).padStart(12, '0')}.json`;

beforeAll(async () => {
  s3 = await startS3Server({ creds, bucket: BUCKET });
  fx = await decisionsFixture('S3 Push Org');
  // As the webhooks tests do: the loopback server is an internal host an administrator allowed.
  await webhooks.allowHost(fx.actors.ADMIN, { host: '127.0.0.1', reason: 'The test S3 server' });
  const job = JOBS.find((j) => j.name === PUSH_JOB)!;
  // The registered job, retried after 1 s instead of 30 s.
  runtime = await startJobRuntime({ url: tdb.url, instanceName: 'push-test', pollingIntervalSeconds: 0.5, log: () => undefined, jobs: [{ ...job, retry: { ...job.retry, delaySeconds: 1, maxDelaySeconds: 2 } }] });
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  // The client the checkpoint transactions queued their jobs through.
  await (await (await import('@/lib/jobs/instance')).jobBoss()).stop({ graceful: false });
  await s3?.close();
});

beforeEach(() => s3.reset());

describe('the checkpoint push to an S3-compatible bucket', () => {
  it('a bucket configured after checkpoints exist receives every earlier one', async () => {
    const first = await newCheckpoint();
    const second = await newCheckpoint();
    expect(await db.decisionCheckpointPush.count({ where: { orgId: fx.orgId } })).toBe(0);

    const saved = await savePushTarget(fx.actors.ADMIN, settings());
    expect(saved.queued).toBe(2);
    for (const c of [first, second]) {
      const push = await settled(c.treeSize);
      expect(push).toMatchObject({ status: 'PUSHED', objectKey: keyOf(c.treeSize), attempts: 1, lastError: null });
      expect(s3.objects.has(keyOf(c.treeSize))).toBe(true);
    }
    expect(checkpointObjectKey(PREFIX, fx.orgId, 2)).toBe(keyOf(2));
  });

  it('writes each new checkpoint under its key with a body whose signature verifies with Node\'s crypto alone', async () => {
    const c = await newCheckpoint();
    const push = await settled(c.treeSize);
    expect(push.status).toBe('PUSHED');
    const put = s3.seen.find((r) => r.method === 'PUT' && r.path === `/${BUCKET}/${keyOf(c.treeSize)}`)!;
    expect(put).toMatchObject({ signatureOk: true, hashOk: true });
    expect(put.headers['content-type']).toBe('application/json');
    const object = JSON.parse(s3.objects.get(keyOf(c.treeSize))!.toString('utf8'));
    expect(object).toMatchObject({ format: 'agp-decision-checkpoint/1', orgId: fx.orgId, treeSize: c.treeSize, decisionCount: c.decisionCount, rootHash: c.rootHash, issuedAt: c.issuedAt.toISOString() });
    expect(verify(null, Buffer.from(object.statement), createPublicKey(object.publicKey), Buffer.from(object.signature, 'base64'))).toBe(true);
    expect(JSON.parse(object.statement)).toMatchObject({ orgId: fx.orgId, treeSize: c.treeSize, decisionCount: c.decisionCount, rootHash: c.rootHash, issuedAt: c.issuedAt.toISOString() });
    // The ETag S3 answered is recorded and shown.
    const { createHash } = await import('node:crypto');
    expect(push.etag).toBe(`"${createHash('md5').update(s3.objects.get(keyOf(c.treeSize))!).digest('hex')}"`);
    const page = await listCheckpoints(fx.actors.AUDITOR);
    expect(page.items[0]).toMatchObject({ treeSize: c.treeSize, push: { state: 'PUSHED', etag: push.etag, objectKey: keyOf(c.treeSize) } });
    expect(page.counts).toMatchObject({ PUSHED: c.treeSize, PENDING: 0, FAILED: 0, NOT_QUEUED: 0 });
  });

  it('lets an auditor check a fetched object offline with npm run verify-decision, alone and against a proof', async () => {
    const latest = await db.decisionCheckpoint.findFirstOrThrow({ where: { orgId: fx.orgId }, orderBy: { treeSize: 'desc' } });
    const fetched = s3.objects.get(keyOf(latest.treeSize))!.toString('utf8');
    const decision = await db.decision.findFirstOrThrow({ where: { orgId: fx.orgId }, orderBy: { receivedAt: 'desc' }, select: { id: true } });
    const proof = await decisionProof(fx.actors.COMPLIANCE_OFFICER, { id: decision.id });
    const dir = await mkdtemp(path.join(tmpdir(), 'verify-checkpoint-'));
    const tampered = { ...JSON.parse(fetched), rootHash: '00'.repeat(32) };
    await Promise.all([
      writeFile(path.join(dir, 'key.pem'), publicKeyPem()),
      writeFile(path.join(dir, 'object.json'), fetched),
      writeFile(path.join(dir, 'tampered.json'), JSON.stringify(tampered)),
      writeFile(path.join(dir, 'proof.json'), JSON.stringify(proof)),
    ]);
    const cli = (...args: string[]) => run('npx', ['tsx', 'lib/tooling/cli/verify-decision.ts', ...args, '--key', path.join(dir, 'key.pem')], { cwd: process.cwd() });
    await expect(cli('--checkpoint', path.join(dir, 'object.json'))).resolves.toMatchObject({ stdout: expect.stringContaining('OK: the pushed checkpoint is signed') });
    await expect(cli(path.join(dir, 'proof.json'), '--checkpoint', path.join(dir, 'object.json'))).resolves.toMatchObject({ stdout: expect.stringContaining('the checkpoint is the one pushed') });
    await expect(cli('--checkpoint', path.join(dir, 'tampered.json'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('statement does not match its fields') });
  }, 60_000);

  it('retries a 500 with back-off on the queue, then records the push', async () => {
    s3.answerNext.push({ status: 500, body: recorded.internalError });
    const c = await newCheckpoint();
    const push = await settled(c.treeSize);
    expect(push).toMatchObject({ status: 'PUSHED', attempts: 2, lastError: null });
    const puts = s3.seen.filter((r) => r.method === 'PUT' && r.path.endsWith(keyOf(c.treeSize)));
    expect(puts).toHaveLength(2);
    const job = await runtime.boss.findJobs(PUSH_JOB, { data: { pushId: push.id } });
    expect(job[0]).toMatchObject({ state: 'completed', retryCount: 1 });
  });

  it('fails a SignatureDoesNotMatch at once, shows S3\'s error, and pushes it once the secret is corrected', async () => {
    await savePushTarget(fx.actors.ADMIN, settings({ secretAccessKey: 'not-the-secret' }));
    const c = await newCheckpoint();
    const push = await settled(c.treeSize);
    expect(push).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(push.lastError).toMatch(/403 SignatureDoesNotMatch The request signature we calculated does not match/);
    expect(s3.objects.has(keyOf(c.treeSize))).toBe(false);
    const page = await listCheckpoints(fx.actors.COMPLIANCE_OFFICER);
    expect(page.items[0].push).toMatchObject({ state: 'FAILED', lastError: push.lastError });
    expect(page.counts.FAILED).toBe(1);

    // A blank secret keeps the stored (wrong) one; push now tries the failed checkpoint again.
    await savePushTarget(fx.actors.ADMIN, settings({ secretAccessKey: creds.secretAccessKey }));
    expect((await settled(c.treeSize)).status).toBe('PUSHED');
    expect(s3.objects.has(keyOf(c.treeSize))).toBe(true);
    expect(await pushCheckpointsNow(fx.actors.ADMIN)).toEqual({ queued: 0 });
  });

  it('never puts the secret in a read model, an audit event or the database in the clear', async () => {
    const view = await getPushTarget(fx.actors.ADMIN);
    expect(view).toMatchObject({ endpoint: s3.endpoint, bucket: BUCKET, prefix: PREFIX, pathStyle: true, accessKeyId: creds.accessKeyId, secretSet: true });
    const everything = JSON.stringify([view, await listCheckpoints(fx.actors.ADMIN), await savePushTarget(fx.actors.ADMIN, settings({ secretAccessKey: '' }))]);
    const events = await db.auditEvent.findMany({ where: { orgId: fx.orgId, entityType: 'DecisionPushTarget' } });
    expect(events.length).toBeGreaterThanOrEqual(4);
    const stored = await db.decisionPushTarget.findUniqueOrThrow({ where: { orgId: fx.orgId } });
    for (const text of [everything, JSON.stringify(events, (_k, v) => (typeof v === 'bigint' ? String(v) : v)), stored.secretSealed]) {
      expect(text).not.toContain(creds.secretAccessKey);
      expect(text).not.toContain('not-the-secret');
    }
    expect(stored.secretSealed).toMatch(/^v1\./);
  });

  it('refuses an internal address the allow-list does not name, and names the field', async () => {
    for (const endpoint of ['http://10.0.0.5:9000', 'http://169.254.169.254', 'http://[::1]:9000']) {
      await expect(savePushTarget(fx.actors.ADMIN, settings({ endpoint }))).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { endpoint: [expect.stringMatching(/Refused: .* is an? .*address/)] } });
    }
    sessionActor = fx.actors.ADMIN;
    const refused = await savePushTargetAction(null, settings({ bucket: 'Not_A_Bucket', endpoint: 'ftp://example.com' }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { bucket: [expect.any(String)], endpoint: [expect.any(String)] } });
    expect((await getPushTarget(fx.actors.ADMIN))?.endpoint).toBe(s3.endpoint);
  });

  it('refuses every other role, and a token, through the mutations and the actions', async () => {
    const others: Actor[] = [fx.actors.COMPLIANCE_OFFICER, fx.actors.PRIVACY_OFFICER, fx.actors.ENGINEER, fx.actors.AUDITOR, fx.token(['settings:manage', 'decisions:manage'])];
    const before = await db.decisionPushTarget.findUniqueOrThrow({ where: { orgId: fx.orgId } });
    for (const actor of others) {
      await expect(savePushTarget(actor, settings({ bucket: 'stolen-bucket' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getPushTarget(actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(pushCheckpointsNow(actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(removePushTarget(actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      sessionActor = actor;
      expect(await savePushTargetAction(null, settings({ bucket: 'stolen-bucket' }))).toMatchObject({ ok: false, message: expect.stringMatching(/does not allow|administrators only/) });
      expect(await pushCheckpointsNowAction(null, {})).toMatchObject({ ok: false });
      if (actor.kind === 'user') expect((await listCheckpoints(actor)).capabilities).toEqual({ configurePush: false, pushNow: false });
    }
    expect(await db.decisionPushTarget.findUniqueOrThrow({ where: { orgId: fx.orgId } })).toEqual(before);
    expect((await listCheckpoints(fx.actors.ADMIN)).capabilities).toEqual({ configurePush: true, pushNow: true });
  });
});
