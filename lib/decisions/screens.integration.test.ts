import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import type { RawRecord } from './formats';

// What the decision-log screens read: keyset pages, one decision with its
// masked inputs and proof (verified on the server), the statistics and the
// explanation letter; the per-batch audit event of ingestion.

await setupTestDatabase('decisions_screens');
const { db } = await import('@/lib/db');
const { sealedBarrier } = await import('@/lib/audit/seal');
const { ingestDecisions } = await import('./ingest');
const { issueCheckpoint } = await import('./checkpoints');
const { listDecisions, getDecision, verifyDecision, decisionStats, exportDecisionLetter, decisionLetter } = await import('./queries');
const { decisionsFixture, sampleDecision } = await import('./test-fixture');
const { createDevelopmentDecision } = await import('./mutations');
const { listDevelopmentDecisions, getDevelopmentDecision, developmentDecisionsForCard } = await import('./queries');

let fx: Awaited<ReturnType<typeof decisionsFixture>>;
const rows = (list: unknown[]): RawRecord[] => list.map((value, i) => ({ row: i + 1, value }));
let firstId = '';

beforeAll(async () => {
  fx = await decisionsFixture('Screens Org');
  const batch = Array.from({ length: 60 }, (_, i) =>
    sampleDecision({ timestamp: new Date(Date.now() - 3_600_000 - i * 60_000).toISOString(), ...(i === 5 ? { human: { reviewed: true, overridden: true, reviewer: 'ana', reason: 'Documents checked' } } : {}), ...(i === 7 ? { output: { score: 0.9 } } : {}) }),
  );
  await ingestDecisions(fx.serving, fx.systemId, rows(batch));
  await issueCheckpoint(fx.actors.ADMIN);
  firstId = (await db.decision.findFirstOrThrow({ where: { systemId: fx.systemId, ref: batch[0].decisionId }, select: { id: true } })).id;
});

describe('decision log screens', () => {
  it('pages by keyset, newest first, with filters', async () => {
    const first = await listDecisions(fx.actors.ENGINEER, {});
    expect(first.items).toHaveLength(50);
    expect(first.next).not.toBeNull();
    const second = await listDecisions(fx.actors.ENGINEER, { cursor: first.next! });
    expect(second.items).toHaveLength(10);
    expect(second.next).toBeNull();
    expect(new Set([...first.items, ...second.items].map((d) => d.id)).size).toBe(60);
    const times = [...first.items, ...second.items].map((d) => d.decidedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await listDecisions(fx.actors.COMPLIANCE_OFFICER, { overridden: 'true' })).items.map((d) => d.overridden)).toEqual([true]);
    // An auditor reads the systems of their audits only: none here.
    expect((await listDecisions(fx.actors.AUDITOR, {})).items).toEqual([]);
    expect((await listDecisions(fx.actors.ENGINEER, { explanation: 'NOT_ADDITIVE' })).items).toHaveLength(1);
    const one = first.items[3];
    expect((await listDecisions(fx.actors.ENGINEER, { ref: one.ref })).items.map((d) => d.id)).toEqual([one.id]);
    expect((await listDecisions(fx.actors.ENGINEER, { ref: one.id })).items.map((d) => d.id)).toEqual([one.id]);
    expect((await listDecisions(fx.actors.ENGINEER, { from: '2001-01-01', to: '2001-01-02' })).items).toEqual([]);
  });

  it('shows one decision with restricted inputs masked by role, its reasons, and a proof that verifies', async () => {
    const engineer = await getDecision(fx.actors.ENGINEER, firstId);
    expect(engineer.features).toMatchObject({ state: 'shown', masked: ['income'], values: { income: '•••', age: 37 } });
    const compliance = await getDecision(fx.actors.COMPLIANCE_OFFICER, firstId);
    expect(compliance.features).toMatchObject({ state: 'shown', masked: [], values: { income: 42_000 } });
    expect(engineer.explanation?.factors.map((f) => f.feature)).toEqual(['debt_ratio', 'income', 'age']);
    // Score 0.4 above the base 0.3: the reasons are the factors that raised it.
    expect(engineer.principalReasons.map((f) => f.feature)).toEqual(['debt_ratio', 'age']);
    expect(engineer.proof.checkpoint?.treeSize).toBe(1);
    await expect(getDecision(fx.actors.AUDITOR, firstId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(verifyDecision(fx.actors.ADMIN, firstId)).resolves.toMatchObject({ ok: true, problems: [] });
    await expect(getDecision(fx.actors.ENGINEER, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts coverage, overrides and outcomes per version and day', async () => {
    const stats = await decisionStats(fx.actors.ENGINEER, { systemId: fx.systemId, days: 30 });
    expect(stats.versions).toEqual([expect.objectContaining({ versionLabel: '2.0', total: 60, covered: 59, overridden: 1, reviewed: 1 })]);
    expect(stats.perDay.reduce((n, d) => n + d.total, 0)).toBe(60);
    // Every decision's top factor is debt_ratio: an explanation that explains nothing is flagged.
    expect(stats.perDay.every((d) => d.constantTopFactor === 'debt_ratio' || d.total < 2)).toBe(true);
  });

  it('writes the explanation letter as PDF and records the export', async () => {
    const letter = await decisionLetter(fx.actors.COMPLIANCE_OFFICER, firstId);
    expect(letter.reasons).toEqual([expect.stringMatching(/^debt_ratio: raised the model’s score by 0\.2/), expect.stringMatching(/^age: raised/)]);
    const pdf = await exportDecisionLetter(fx.actors.COMPLIANCE_OFFICER, firstId);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await sealedBarrier();
    expect(await db.auditEvent.count({ where: { action: 'decision.letter_exported', entityId: firstId } })).toBe(1);
  });

  it('records one audit event per ingested batch, not per decision', async () => {
    await sealedBarrier();
    const events = await db.auditEvent.findMany({ where: { action: 'decision-batch.ingested', orgId: fx.orgId }, select: { entityId: true, changes: true, actorLabel: true } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorLabel: 'token:serving' });
    expect(JSON.parse(String(events[0].changes))).toMatchObject({ size: 60, seq: 0 });
  });

  it('records development decisions for a model or version, refuses the wrong version or approver, and shows them with the card', async () => {
    const input = {
      modelId: fx.modelId, versionId: fx.versions.v2, title: 'Gradient boosting over logistic regression', context: 'AUC gap of 4 points', decision: 'Use GBM with monotone constraints; equal-opportunity gap accepted at 1.5 points',
      alternatives: 'Logistic regression', consequences: 'SHAP explanations required', approverId: fx.actors.COMPLIANCE_OFFICER.userId!, decidedAt: '2026-11-02',
    };
    await expect(createDevelopmentDecision(fx.actors.ENGINEER, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createDevelopmentDecision(fx.actors.ADMIN, { ...input, versionId: 'elsewhere' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { versionId: [expect.any(String)] } });
    await expect(createDevelopmentDecision(fx.actors.ADMIN, { ...input, approverId: 'nobody' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { approverId: [expect.any(String)] } });
    expect(await db.developmentDecision.count({ where: { orgId: fx.orgId } })).toBe(0);
    const { id } = await createDevelopmentDecision(fx.actors.ADMIN, input);
    await createDevelopmentDecision(fx.actors.COMPLIANCE_OFFICER, { ...input, versionId: undefined, title: 'Bias tests: four-fifths rule on sex and age' });
    const list = await listDevelopmentDecisions(fx.actors.AUDITOR, { modelId: fx.modelId, page: 1 });
    expect(list).toMatchObject({ total: 2, capabilities: { create: false } });
    expect(await getDevelopmentDecision(fx.actors.ENGINEER, id)).toMatchObject({ title: input.title, version: { label: '2.0' }, approver: { id: input.approverId }, decidedAt: '2026-11-02T00:00:00.000Z' });
    expect((await developmentDecisionsForCard(fx.actors.ENGINEER, 'credit', '1.0')).map((r) => r.title)).toEqual(['Bias tests: four-fifths rule on sex and age']);
    expect(await developmentDecisionsForCard(fx.actors.ENGINEER, 'credit', '2.0')).toHaveLength(2);
    await sealedBarrier();
    expect(await db.auditEvent.count({ where: { action: 'development-decision.recorded', orgId: fx.orgId } })).toBe(2);
  });
});
