import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('risk_tasks');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const risks = await import('./mutations');
const tasks = await import('./task-mutations');
const queries = await import('./queries');
const { toPublicError } = await import('@/lib/errors');

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => toPublicError(e));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let actors: Record<Role, Actor>;
let other: Record<Role, Actor>;
let riskId: string;

beforeAll(async () => {
  let orgId: string;
  ({ actors, orgId } = await createOrgWithRoles('Risk Task Org'));
  ({ actors: other } = await createOrgWithRoles('Other Risk Task Org'));
  const controlId = (await db.control.create({ data: { orgId, key: 'CTL-1', name: 'Input filter', description: 'x' }, select: { id: true } })).id;
  riskId = (await risks.createRisk(actors.COMPLIANCE_OFFICER, { title: 'Prompt injection', description: 'Crafted notes change the output.', category: 'mit.privacy-security', inherentLikelihood: 4, inherentImpact: 4, residualLikelihood: 2, residualImpact: 4, treatment: 'MITIGATE', controlIds: [controlId], ownerId: actors.ENGINEER.userId! })).id;
});

describe('risk treatment tasks', () => {
  it('adds tasks with an owner and a due date, refusing bad input and roles that do not manage the risk', async () => {
    expect(await refusal(tasks.addRiskTask(actors.COMPLIANCE_OFFICER, { riskId, title: 'x', ownerId: actors.ENGINEER.userId!, dueDate: day(10) }))).toMatchObject({ status: 422, fieldErrors: { title: expect.any(Array) } });
    expect(await refusal(tasks.addRiskTask(actors.COMPLIANCE_OFFICER, { riskId, title: 'Add an input filter', ownerId: actors.ENGINEER.userId!, dueDate: day(-1) }))).toMatchObject({ status: 422, fieldErrors: { dueDate: expect.any(Array) } });
    expect(await refusal(tasks.addRiskTask(actors.COMPLIANCE_OFFICER, { riskId, title: 'Add an input filter', ownerId: other.ENGINEER.userId!, dueDate: day(10) }))).toMatchObject({ status: 422, fieldErrors: { ownerId: expect.any(Array) } });
    expect(await refusal(tasks.addRiskTask(actors.AUDITOR, { riskId, title: 'Add an input filter', ownerId: actors.AUDITOR.userId!, dueDate: day(10) }))).toMatchObject({ status: 403 });
    expect(await refusal(tasks.addRiskTask(other.ADMIN, { riskId, title: 'Add an input filter', ownerId: other.ADMIN.userId!, dueDate: day(10) }))).toMatchObject({ status: 404 });
    expect(await db.riskTask.count({ where: { riskId } })).toBe(0);

    // The risk's owner (an engineer) may add tasks to it; compliance may too.
    const filter = await tasks.addRiskTask(actors.ENGINEER, { riskId, title: 'Add an input filter', ownerId: actors.ENGINEER.userId!, dueDate: day(14) });
    await tasks.addRiskTask(actors.COMPLIANCE_OFFICER, { riskId, title: 'Red-team the filter', ownerId: actors.PRIVACY_OFFICER.userId!, dueDate: day(30) });
    const detail = await queries.getRisk(actors.AUDITOR, riskId);
    expect(detail.tasks.map((t) => [t.title, t.status, t.overdue, t.canUpdate])).toEqual([['Add an input filter', 'OPEN', false, false], ['Red-team the filter', 'OPEN', false, false]]);
    expect(detail.capabilities.addTask).toBe(false);
    expect((await queries.getRisk(actors.ENGINEER, riskId)).capabilities.addTask).toBe(true);
    expect(filter.status).toBe('OPEN');
  });

  it('the task owner or the risk managers mark it done, audited; others are refused', async () => {
    const [filter, redTeam] = (await queries.getRisk(actors.ADMIN, riskId)).tasks;
    expect(await refusal(tasks.setRiskTaskStatus(actors.AUDITOR, { id: filter.id, status: 'DONE' }))).toMatchObject({ status: 403 });
    // The privacy officer owns the second task, not the risk: they may mark their own, not the first.
    expect(await refusal(tasks.setRiskTaskStatus(actors.PRIVACY_OFFICER, { id: filter.id, status: 'DONE' }))).toMatchObject({ status: 403 });
    await tasks.setRiskTaskStatus(actors.PRIVACY_OFFICER, { id: redTeam.id, status: 'DONE' });
    await tasks.setRiskTaskStatus(actors.ENGINEER, { id: filter.id, status: 'DONE' }, riskId);
    await tasks.setRiskTaskStatus(actors.COMPLIANCE_OFFICER, { id: filter.id, status: 'OPEN' });
    expect(await refusal(tasks.setRiskTaskStatus(actors.COMPLIANCE_OFFICER, { id: filter.id, status: 'DONE' }, 'another-risk'))).toMatchObject({ status: 404 });
    const after = await queries.getRisk(actors.PRIVACY_OFFICER, riskId);
    expect(after.tasks.map((t) => [t.title, t.status, !!t.doneAt, t.canUpdate])).toEqual([['Add an input filter', 'OPEN', false, false], ['Red-team the filter', 'DONE', true, true]]);
    const trail = await db.auditEvent.findMany({ where: { entityType: 'risk', entityId: riskId, action: { startsWith: 'risk.task_' } }, orderBy: { seq: 'asc' }, select: { action: true } });
    expect(trail.map((e) => e.action)).toEqual(['risk.task_added', 'risk.task_added', 'risk.task_done', 'risk.task_done', 'risk.task_reopened']);
  });

  it('a closed risk takes no new tasks and its tasks no longer change', async () => {
    const [filter] = (await queries.getRisk(actors.ADMIN, riskId)).tasks;
    await risks.closeRisk(actors.COMPLIANCE_OFFICER, { id: riskId, reason: 'The feature was removed.' });
    expect(await refusal(tasks.addRiskTask(actors.COMPLIANCE_OFFICER, { riskId, title: 'Too late', ownerId: actors.ENGINEER.userId!, dueDate: day(5) }))).toMatchObject({ status: 409 });
    expect(await refusal(tasks.setRiskTaskStatus(actors.ENGINEER, { id: filter.id, status: 'DONE' }))).toMatchObject({ status: 409 });
    expect((await queries.getRisk(actors.ADMIN, riskId)).tasks.every((t) => !t.canUpdate)).toBe(true);
  });
});
