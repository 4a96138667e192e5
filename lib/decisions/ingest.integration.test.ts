import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import type { RawRecord } from './formats';

await setupTestDatabase('decisions_ingest');
const { db } = await import('@/lib/db');
const { ingestDecisions } = await import('./ingest');
const { findDecisionsBySubject, eraseSubject } = await import('./subjects');
const { decisionsFixture, sampleDecision, DAY } = await import('./test-fixture');

let fx: Awaited<ReturnType<typeof decisionsFixture>>;
const rows = (list: unknown[]): RawRecord[] => list.map((value, i) => ({ row: i + 1, value }));
const stored = () => db.decision.count({ where: { systemId: fx.systemId } });
const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: { code?: string; details?: { errors?: { row: number; reason: string }[] } }) => e);

beforeAll(async () => {
  fx = await decisionsFixture();
});

describe('ingestion', () => {
  it('accepts a batch, reports the explanation checks, and skips decision ids already logged', async () => {
    const batch = [sampleDecision(), sampleDecision(), sampleDecision({ output: { score: 0.9 } })];
    const first = await ingestDecisions(fx.serving, fx.systemId, rows(batch));
    expect(first).toMatchObject({ accepted: 3, duplicates: 0, explanations: { valid: 2, notAdditive: 1, notAdditiveRefs: [batch[2].decisionId] } });
    const again = await ingestDecisions(fx.serving, fx.systemId, rows(batch));
    expect(again).toMatchObject({ batchId: null, accepted: 0, duplicates: 3 });
    const more = await ingestDecisions(fx.serving, fx.systemId, rows([...batch, sampleDecision()]));
    expect(more).toMatchObject({ accepted: 1, duplicates: 3 });
    expect(await stored()).toBe(4);
    const saved = await db.decision.findFirst({ where: { ref: batch[0].decisionId }, select: { featuresCipher: true, explanationStatus: true, topFactor: true, versionId: true } });
    expect(saved).toMatchObject({ explanationStatus: 'VALID', topFactor: 'debt_ratio', versionId: fx.versions.v2 });
    // The features are stored only as ciphertext.
    expect(saved!.featuresCipher).not.toContain('42000');
    expect(Buffer.from(saved!.featuresCipher, 'base64').toString('latin1')).not.toContain('42000');
  });

  it('refuses a whole batch when one record is bad, lists every bad record, and stores nothing', async () => {
    const before = await stored();
    const old = new Date(Date.now() - 50 * DAY).toISOString();
    const error = await refusal(
      ingestDecisions(fx.serving, fx.systemId, rows([
        sampleDecision(),
        sampleDecision({ version: '1.0' }),
        sampleDecision({ timestamp: old, version: '2.0' }),
        sampleDecision({ explanation: undefined }),
        { decisionId: 'x' },
        sampleDecision({ model: 'nope' }),
        sampleDecision({ confidence: 3 }),
      ])),
    );
    expect(error.code).toBe('VALIDATION');
    const reasons = error.details!.errors!.map((e) => `${e.row}: ${e.reason}`);
    expect(reasons).toHaveLength(6);
    expect(reasons[0]).toMatch(/^2: version: "1.0" was not in production .*; "2.0" was/);
    expect(reasons[1]).toMatch(/^3: version: "2.0" was not in production .*; "1.0" was/);
    expect(reasons[2]).toMatch(/^4: explanation: required on every decision of a high-stakes system/);
    expect(reasons[3]).toMatch(/^5: /);
    expect(reasons[4]).toMatch(/^6: model: "nope"/);
    expect(reasons[5]).toMatch(/^7: confidence/);
    expect(await stored()).toBe(before);
    expect(await db.decisionBatch.count({ where: { systemId: fx.systemId } })).toBe(2);
  });

  it('accepts a version that was in production at the decision time', async () => {
    const r = await ingestDecisions(fx.serving, fx.systemId, rows([sampleDecision({ version: '1.0', timestamp: new Date(Date.now() - 50 * DAY).toISOString() })]));
    expect(r.accepted).toBe(1);
  });

  it('refuses callers without decisions:write and stores nothing', async () => {
    const before = await stored();
    for (const actor of [fx.token(['decisions:read']), fx.actors.COMPLIANCE_OFFICER, fx.actors.AUDITOR]) {
      const error = await refusal(ingestDecisions(actor, fx.systemId, rows([sampleDecision()])));
      expect(error.code).toBe('FORBIDDEN');
    }
    expect(await stored()).toBe(before);
  });

  it('keeps the log append-only in the database', async () => {
    await expect(db.$executeRawUnsafe(`UPDATE "Decision" SET "outcome" = 'approve' WHERE "systemId" = $1`, fx.systemId)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "Decision" WHERE "systemId" = $1`, fx.systemId)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`UPDATE "DecisionBatch" SET "size" = 0`)).rejects.toThrow(/append-only/);
  });
});

describe('subjects', () => {
  it('finds every decision about a subject, with restricted features masked for roles without need to know', async () => {
    const subjectRef = 'subj-roles';
    await ingestDecisions(fx.serving, fx.systemId, rows([sampleDecision({ subjectRef }), sampleDecision({ subjectRef })]));
    const officer = await findDecisionsBySubject(fx.actors.COMPLIANCE_OFFICER, fx.systemId, subjectRef);
    expect(officer.decisions).toHaveLength(2);
    expect(officer.decisions[0].features).toEqual({ state: 'shown', values: { income: 42_000, debt_ratio: 0.4, age: 37 }, masked: [] });
    expect(officer.capabilities.erase).toBe(true);
    // An auditor sees the systems of their audits only, here none...
    expect((await findDecisionsBySubject(fx.actors.AUDITOR, null, subjectRef)).decisions).toEqual([]);
    await expect(findDecisionsBySubject(fx.actors.AUDITOR, fx.systemId, subjectRef)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // ...or everything when the organisation lets all auditors see all.
    const { auditSettingKey } = await import('@/lib/auth/scope');
    await db.setting.create({ data: { key: auditSettingKey(fx.orgId), value: { allAuditorsSeeAll: true } } });
    for (const role of ['AUDITOR', 'ENGINEER'] as const) {
      const view = await findDecisionsBySubject(fx.actors[role], null, subjectRef);
      expect(view.decisions).toHaveLength(2);
      expect(view.decisions[0].features).toEqual({ state: 'shown', values: { income: '•••', debt_ratio: 0.4, age: 37 }, masked: ['income'] });
      expect(view.capabilities.erase).toBe(false);
    }
    const unknown = await findDecisionsBySubject(fx.actors.AUDITOR, null, 'nobody');
    expect(unknown).toMatchObject({ known: false, decisions: [] });
  });

  it('erases a subject by destroying the key: decisions stay countable, features are gone, the erasure is audited', async () => {
    const subjectRef = 'subj-erase';
    await ingestDecisions(fx.serving, fx.systemId, rows([sampleDecision({ subjectRef }), sampleDecision({ subjectRef }), sampleDecision({ subjectRef })]));
    await expect(eraseSubject(fx.actors.ENGINEER, subjectRef, 'Art. 17 request')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(eraseSubject(fx.actors.AUDITOR, subjectRef, 'Art. 17 request')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const result = await eraseSubject(fx.actors.COMPLIANCE_OFFICER, subjectRef, 'Art. 17 request 2026-114');
    expect(result).toMatchObject({ decisionCount: 3, alreadyErased: false });
    const key = await db.decisionSubject.findUnique({ where: { orgId_subjectRef: { orgId: fx.orgId, subjectRef } }, select: { wrappedKey: true, erasedAt: true } });
    expect(key).toMatchObject({ wrappedKey: null });
    const view = await findDecisionsBySubject(fx.actors.ADMIN, fx.systemId, subjectRef);
    expect(view.decisions).toHaveLength(3);
    expect(view.decisions.every((d) => d.features.state === 'erased')).toBe(true);
    expect(view.erasedAt).not.toBeNull();
    const event = await db.auditEvent.findFirst({ where: { action: 'decision-subject.erased', orgId: fx.orgId }, select: { reason: true, changes: true } });
    expect(event?.reason).toBe('Art. 17 request 2026-114');
    expect(event?.changes).toContain('"decisionCount":3');
    // The key cannot come back, and nothing more is logged about the subject.
    await expect(db.$executeRawUnsafe(`UPDATE "DecisionSubject" SET "wrappedKey" = 'x' WHERE "subjectRef" = $1`, subjectRef)).rejects.toThrow(/only be erased/);
    const refused = await refusal(ingestDecisions(fx.serving, fx.systemId, rows([sampleDecision({ subjectRef })])));
    expect(refused.details!.errors![0].reason).toMatch(/erased/);
    expect(await eraseSubject(fx.actors.ADMIN, subjectRef, 'again')).toMatchObject({ alreadyErased: true });
  });
});
