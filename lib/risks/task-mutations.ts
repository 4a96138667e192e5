import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { assertActiveMember } from '@/lib/auth/org';
import { personBehind } from '@/lib/auth/person';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { lockRisk } from './mutations';
import { mayUpdateRiskTask, stateProblem } from './rules';
import { addRiskTaskSchema, setRiskTaskStatusSchema, type AddRiskTaskInput } from './schema';

// Treatment tasks: the mitigation work a risk's treatment plan names, each
// with an owner and a due date, beside the controls it links.

/** Adds a task to a risk (whoever may edit the risk: compliance, or its owner). */
export async function addRiskTask(actor: Actor, input: AddRiskTaskInput, riskId?: string) {
  const d = addRiskTaskSchema.parse(riskId ? { ...input, riskId } : input);
  return db.$transaction(async (tx) => {
    const r = await lockRisk(tx, actor, d.riskId);
    authorize(actor, 'risks:manage', { ownerIds: [r.ownerId] });
    const closed = stateProblem(r, 'edit');
    if (closed) throw new AppError('CONFLICT', closed);
    const owner = await assertActiveMember(tx, actor.orgId, d.ownerId, 'ownerId');
    const dueDate = new Date(`${d.dueDate}T00:00:00.000Z`);
    const task = await tx.riskTask.create({ data: { orgId: actor.orgId, riskId: r.id, title: d.title, ownerId: owner.id, dueDate, createdById: actor.userId }, select: { id: true } });
    await recordEvent(tx, actor, { action: 'risk.task_added', entityType: 'risk', entityId: r.id, changes: { taskId: task.id, title: d.title, ownerId: owner.id, dueDate: d.dueDate } });
    return { id: task.id, riskId: r.id, status: 'OPEN' as const };
  });
}

/** Marks a task done or open again: the risk's managers, or the task's own owner. */
export async function setRiskTaskStatus(actor: Actor, input: { id: string; status: string }, riskId?: string) {
  authorize(actor, 'risks:read');
  const d = setRiskTaskStatusSchema.parse(input);
  return db.$transaction(async (tx) => {
    const t = await tx.riskTask.findFirst({ where: { id: d.id, orgId: actor.orgId, ...(riskId ? { riskId } : {}) }, select: { id: true, riskId: true, ownerId: true, status: true, title: true } });
    if (!t) throw notFound('The task');
    const r = await lockRisk(tx, actor, t.riskId);
    const person = await personBehind(tx, actor);
    if (!mayUpdateRiskTask(actor, person, r, t)) throw stateProblem(r, 'edit') ? new AppError('CONFLICT', stateProblem(r, 'edit')!) : forbidden('Only the task’s owner, the risk’s owner or compliance can change this task.');
    if (t.status === d.status) return { id: t.id, riskId: t.riskId, status: d.status };
    await tx.riskTask.update({ where: { id: t.id }, data: { status: d.status, doneAt: d.status === 'DONE' ? new Date() : null } });
    await recordEvent(tx, actor, { action: d.status === 'DONE' ? 'risk.task_done' : 'risk.task_reopened', entityType: 'risk', entityId: t.riskId, changes: { taskId: t.id, title: t.title, status: { from: t.status, to: d.status } } });
    return { id: t.id, riskId: t.riskId, status: d.status };
  });
}
