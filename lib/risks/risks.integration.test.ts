import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('risks');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const risks = await import('./mutations');
const queries = await import('./queries');
const transfer = await import('./transfer');
const { systemActor } = await import('@/lib/auth/actor');
const { createToken } = await import('@/lib/tokens/mutations');
const { actorForToken } = await import('@/lib/auth/token');
const { tableXlsx } = await import('@/lib/xlsx');
const { toPublicError } = await import('@/lib/errors');

const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let actors: Record<Role, Actor>;
let orgId: string;
let systemId: string;
let controlId: string;

const base = () => ({
  title: 'Prompt injection exfiltrates data',
  description: 'A crafted document makes the assistant reveal other patients’ notes.',
  category: 'mit.privacy-security',
  inherentLikelihood: 4,
  inherentImpact: 5,
  ownerId: actors.ENGINEER.userId!,
  systemIds: [systemId],
});

const counts = async () => ({ risks: await db.risk.count({ where: { orgId } }), events: await db.auditEvent.count() });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Risk Org'));
  systemId = (await db.aISystem.create({ data: { orgId, name: 'Triage', purpose: 'x', domain: 'HEALTHCARE', regions: ['EU'], riskTier: 'HIGH' }, select: { id: true } })).id;
  controlId = (await db.control.create({ data: { orgId, key: 'CTL-INPUT', name: 'Input filtering' }, select: { id: true } })).id;
});

describe('risk register', () => {
  it('registers a risk with refs, scores and the residual rules, writing nothing when refused', async () => {
    const a = await risks.createRisk(actors.COMPLIANCE_OFFICER, base());
    const b = await risks.createRisk(actors.COMPLIANCE_OFFICER, { ...base(), title: 'Second risk', residualLikelihood: 2, residualImpact: 5, treatment: 'MITIGATE', controlIds: [controlId] });
    expect([a.ref, b.ref]).toEqual(['RSK-0001', 'RSK-0002']);
    const stored = await db.risk.findUniqueOrThrow({ where: { id: b.id }, select: { inherentScore: true, residualScore: true } });
    expect(stored).toEqual({ inherentScore: 20, residualScore: 10 });

    const before = await counts();
    await expect(risks.createRisk(actors.COMPLIANCE_OFFICER, { ...base(), residualLikelihood: 5, residualImpact: 5, treatment: 'TRANSFER' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { residualLikelihood: expect.any(Array) } });
    await expect(risks.createRisk(actors.COMPLIANCE_OFFICER, { ...base(), residualLikelihood: 2, residualImpact: 2, treatment: 'MITIGATE' })).rejects.toMatchObject({ fieldErrors: { controlIds: expect.any(Array) } });
    await expect(risks.createRisk(actors.COMPLIANCE_OFFICER, { ...base(), systemIds: ['nope'] })).rejects.toMatchObject({ fieldErrors: { systemIds: expect.any(Array) } });
    await expect(risks.createRisk(actors.COMPLIANCE_OFFICER, { ...base(), category: 'made-up' })).rejects.toMatchObject({ name: 'ZodError' });
    await deny(risks.createRisk(actors.ENGINEER, base()));
    await deny(risks.createRisk(actors.AUDITOR, base()));
    expect(await counts()).toEqual(before);
  });

  it('refuses treatment ACCEPT on create and update (422 naming the field, pointing to the acceptance step), writing nothing', async () => {
    const r = await risks.createRisk(actors.COMPLIANCE_OFFICER, base());
    const before = await counts();
    const onCreate = await risks.createRisk(actors.COMPLIANCE_OFFICER, { ...base(), treatment: 'ACCEPT' }).catch((e: unknown) => toPublicError(e));
    expect(onCreate).toMatchObject({ status: 422, fieldErrors: { treatment: [expect.stringContaining('/acceptance')] } });
    const stored = await queries.getRisk(actors.COMPLIANCE_OFFICER, r.id);
    const rewrite = { ...base(), id: r.id, treatment: 'ACCEPT' as const };
    const onUpdate = await risks.updateRisk(actors.COMPLIANCE_OFFICER, rewrite).catch((e: unknown) => toPublicError(e));
    expect(onUpdate).toMatchObject({ status: 422, fieldErrors: { treatment: [expect.stringContaining('acceptance step')] } });
    expect(await counts()).toEqual(before);
    expect((await queries.getRisk(actors.COMPLIANCE_OFFICER, r.id)).treatment).toBe(stored.treatment);
  });

  it('lets the owner edit but not hand over, and keeps the score history from the trail', async () => {
    const r = await risks.createRisk(actors.COMPLIANCE_OFFICER, base());
    await risks.updateRisk(actors.ENGINEER, { id: r.id, ...base(), treatment: 'MITIGATE', residualLikelihood: 2, residualImpact: 4, controlIds: [controlId] });
    await deny(risks.updateRisk(actors.ENGINEER, { id: r.id, ...base(), ownerId: actors.ADMIN.userId!, treatment: 'UNDECIDED' }));
    await deny(risks.updateRisk(actors.AUDITOR, { id: r.id, ...base(), treatment: 'UNDECIDED' }));
    const detail = await queries.getRisk(actors.AUDITOR, r.id);
    expect(detail.capabilities).toEqual({ edit: false, accept: false, review: false, close: false, addTask: false });
    expect(detail.scoreHistory.map((h) => [h.action, h.inherent, h.residual])).toEqual([
      ['risk.updated', null, '— → 2×4'],
      ['risk.created', '— → 4×5', null],
    ]);
    expect((await queries.getRisk(actors.ENGINEER, r.id)).capabilities).toMatchObject({ edit: true, review: true, accept: false });
  });

  it('needs an approver who is not the owner, on the session and the token path', async () => {
    const own = await risks.createRisk(actors.COMPLIANCE_OFFICER, { ...base(), ownerId: actors.ADMIN.userId! });
    const input = { id: own.id, rationale: 'Compensating monitoring is in place', expiresAt: day(30) };
    await expect(risks.acceptRisk(actors.ADMIN, input)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('You own this risk') });
    await deny(risks.acceptRisk(actors.ENGINEER, input));
    await deny(risks.acceptRisk(actors.AUDITOR, input));
    // A token acts as its creator: the administrator's token cannot accept the administrator's own risk.
    const token = await createToken(actors.ADMIN, { name: 'grc', scopes: ['risks:read', 'risks:accept'], expiresInDays: 5 });
    const bot = (await actorForToken(token.secret, { id: 'req', ip: '127.0.0.1' }))!;
    await expect(risks.acceptRisk(bot, input)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('You own this risk') });
    const readOnly = await createToken(actors.ADMIN, { name: 'ro', scopes: ['risks:read'], expiresInDays: 5 });
    await deny(risks.acceptRisk((await actorForToken(readOnly.secret, { id: 'req', ip: '127.0.0.1' }))!, input));
    expect((await db.risk.findUniqueOrThrow({ where: { id: own.id } })).status).toBe('OPEN');
    await expect(risks.acceptRisk(actors.COMPLIANCE_OFFICER, { ...input, expiresAt: day(-1) })).rejects.toMatchObject({ name: 'ZodError' });

    // The same token accepts a risk its creator does not own.
    const other = await risks.createRisk(actors.COMPLIANCE_OFFICER, base());
    expect((await risks.acceptRisk(bot, { ...input, id: other.id })).status).toBe('ACCEPTED');
    const accepted = await risks.acceptRisk(actors.COMPLIANCE_OFFICER, input);
    expect(accepted.status).toBe('ACCEPTED');
    const detail = await queries.getRisk(actors.AUDITOR, own.id);
    expect(detail).toMatchObject({ status: 'ACCEPTED', treatment: 'ACCEPT', acceptedByName: expect.any(String), acceptanceRationale: input.rationale });
    await expect(risks.acceptRisk(actors.COMPLIANCE_OFFICER, input)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('reopens an expired acceptance only through the job, with an audit event', async () => {
    const r = await risks.createRisk(actors.COMPLIANCE_OFFICER, base());
    await risks.acceptRisk(actors.COMPLIANCE_OFFICER, { id: r.id, rationale: 'Accepted for the pilot phase', expiresAt: day(1) });
    await db.risk.update({ where: { id: r.id }, data: { acceptanceExpiresAt: new Date(Date.now() - 60_000) } });
    // Reads show it open and write nothing.
    const events = await db.auditEvent.count({ where: { entityId: r.id } });
    const seen = await queries.getRisk(actors.AUDITOR, r.id);
    expect(seen).toMatchObject({ status: 'OPEN', acceptanceExpired: true });
    expect((await queries.listRisks(actors.AUDITOR, { status: 'OPEN', pageSize: 200 })).items.some((x) => x.id === r.id)).toBe(true);
    expect((await db.risk.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('ACCEPTED');
    expect(await db.auditEvent.count({ where: { entityId: r.id } })).toBe(events);

    await deny(risks.reopenExpiredRiskAcceptances(actors.ENGINEER));
    expect(await risks.reopenExpiredRiskAcceptances(systemActor(orgId, 'risk-acceptance-expiry'))).toBe(1);
    const after = await db.risk.findUniqueOrThrow({ where: { id: r.id } });
    expect(after).toMatchObject({ status: 'OPEN', acceptanceExpiresAt: null, acceptedById: null });
    expect(await db.auditEvent.findFirst({ where: { entityId: r.id, action: 'risk.acceptance_expired' } })).not.toBeNull();
    expect(await risks.reopenExpiredRiskAcceptances(systemActor(orgId, 'risk-acceptance-expiry'))).toBe(0);
  });

  it('aggregates the heat map in SQL with the list filters', async () => {
    const heat = await queries.riskHeatMap(actors.AUDITOR, {});
    const open = await db.risk.count({ where: { orgId, status: { not: 'CLOSED' } } });
    expect(heat.total).toBe(open);
    expect(heat.inherent.reduce((n, c) => n + c.count, 0)).toBe(open);
    expect(heat.inherent.find((c) => c.likelihood === 4 && c.impact === 5)?.count).toBe(open);
    expect(heat.residual.reduce((n, c) => n + c.count, 0) + heat.unscoredResidual).toBe(open);
    expect((await queries.riskHeatMap(actors.AUDITOR, { category: 'nist.fair' })).total).toBe(0);
    const top = await queries.topRisksForSystem(actors.ENGINEER, systemId, 3);
    expect(top).toHaveLength(3);
    const bySystem = await queries.topRisksBySystem(actors.AUDITOR, [systemId], 2);
    expect(bySystem[systemId].map((r) => r.id)).toEqual(top.slice(0, 2).map((r) => r.id));
  });

  it('imports all or nothing, reporting every bad row, and round-trips its own export', async () => {
    const header = ['ref', 'title', 'description', 'category', 'inherent_likelihood', 'inherent_impact', 'residual_likelihood', 'residual_impact', 'treatment', 'owner_email', 'ai_systems', 'controls'];
    const email = actors.ENGINEER.email!;
    const good = ['', 'Imported risk', 'From the spreadsheet', 'Privacy-enhanced', '3', '3', '', '', '', email, 'Triage', ''];
    const before = await counts();
    const bad = [header, good, ['', 'Residual too high', 'x', 'nist.safe', '2', '2', '3', '2', 'TRANSFER', email, '', ''], ['', 'Nobody', 'x', 'nist.safe', '2', '2', '', '', '', 'ghost@example.com', '', ''], ['RSK-9999', 'Unknown ref', 'x', 'nist.safe', '2', '2', '', '', '', email, '', '']];
    const refused = await transfer.importRisks(actors.COMPLIANCE_OFFICER, bad).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { invalid: [{ row: 3 }, { row: 4 }, { row: 5, ref: 'RSK-9999' }] } });
    expect(await counts()).toEqual(before);
    await deny(transfer.importRisks(actors.ENGINEER, [header, good]));

    const xlsx = await tableXlsx([{ name: 'Risks', columns: header.map((h) => ({ key: h, header: h })), rows: [Object.fromEntries(header.map((h, i) => [h, good[i]]))] }]);
    const rows = await transfer.parseRiskFile('risks.xlsx', xlsx);
    expect(await transfer.importRisks(actors.COMPLIANCE_OFFICER, rows)).toEqual({ ok: true, created: 1, updated: 0 });

    const csv = await transfer.exportRisks(actors.AUDITOR, {}, 'csv');
    const exported = await transfer.parseRiskFile('r.csv', csv);
    const again = await transfer.importRisks(actors.COMPLIANCE_OFFICER, exported.filter((r, i) => i === 0 || r[12] !== 'CLOSED'));
    expect(again.created).toBe(0);
    expect(again.updated).toBe(exported.length - 1);
  });

  it('lets only administrators reword the scale', async () => {
    await deny(risks.saveScaleLevel(actors.COMPLIANCE_OFFICER, { axis: 'IMPACT', level: 5, label: 'Catastrophic', description: 'Irreversible harm' }));
    await risks.saveScaleLevel(actors.ADMIN, { axis: 'IMPACT', level: 5, label: 'Catastrophic', description: 'Irreversible harm' });
    const scale = await queries.riskScale(actors.AUDITOR);
    expect(scale.find((s) => s.axis === 'IMPACT' && s.level === 5)?.label).toBe('Catastrophic');
    await expect(risks.saveScaleLevel(actors.ADMIN, { axis: 'IMPACT', level: 6, label: 'x', description: 'y' })).rejects.toMatchObject({ name: 'ZodError' });
  });
});
