import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { assertActiveMember } from '@/lib/auth/org';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { addMemberSchema, RACI_FIELDS, RACI_ROLES, recordMeetingSchema, removeMemberSchema, saveCommitteeSchema, setRaciSchema, type RecordMeetingInput, type SaveCommitteeInput, type SetRaciInput } from './schema';

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

async function committeeOf(tx: Tx, orgId: string) {
  const c = await tx.governanceCommittee.findUnique({ where: { orgId }, select: { id: true } });
  if (!c) throw new AppError('CONFLICT', 'Name the AI governance committee first.');
  return c;
}

/** Names the organisation's one committee and sets its charter (a policy of this organisation). */
export async function saveCommittee(actor: Actor, input: SaveCommitteeInput) {
  authorize(actor, 'training:manage');
  const data = saveCommitteeSchema.parse(input);
  return db.$transaction(async (tx) => {
    if (data.charterPolicyId) {
      const policy = await tx.policy.findFirst({ where: { id: data.charterPolicyId, orgId: actor.orgId }, select: { id: true } });
      if (!policy) throw new AppError('VALIDATION', 'Choose a policy of this organisation as the charter.', { fieldErrors: { charterPolicyId: ['Choose a policy of this organisation'] } });
    }
    const before = await tx.governanceCommittee.findUnique({ where: { orgId: actor.orgId }, select: { id: true, name: true, charterPolicyId: true } });
    const after = before
      ? await tx.governanceCommittee.update({ where: { id: before.id }, data: { name: data.name, charterPolicyId: data.charterPolicyId }, select: { id: true, name: true, charterPolicyId: true } })
      : await tx.governanceCommittee.create({ data: { orgId: actor.orgId, name: data.name, charterPolicyId: data.charterPolicyId }, select: { id: true, name: true, charterPolicyId: true } });
    await recordEvent(tx, actor, { action: before ? 'committee.updated' : 'committee.created', entityType: 'governance_committee', entityId: after.id, before: before ?? undefined, after });
    return after;
  });
}

/** Adds a member (or changes their role on the committee). */
export async function addCommitteeMember(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'training:manage');
  const data = addMemberSchema.parse(input);
  return db.$transaction(async (tx) => {
    const c = await committeeOf(tx, actor.orgId);
    const user = await assertActiveMember(tx, actor.orgId, data.userId, 'userId');
    const before = await tx.committeeMember.findUnique({ where: { committeeId_userId: { committeeId: c.id, userId: user.id } }, select: { role: true } });
    await tx.committeeMember.upsert({ where: { committeeId_userId: { committeeId: c.id, userId: user.id } }, create: { committeeId: c.id, userId: user.id, role: data.role }, update: { role: data.role } });
    await recordEvent(tx, actor, { action: 'committee.member_added', entityType: 'governance_committee', entityId: c.id, changes: { userId: user.id, name: user.name, role: data.role, previousRole: before?.role ?? null } });
    return { committeeId: c.id, userId: user.id, role: data.role };
  });
}

export async function removeCommitteeMember(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'training:manage');
  const data = removeMemberSchema.parse(input);
  return db.$transaction(async (tx) => {
    const c = await committeeOf(tx, actor.orgId);
    const removed = await tx.committeeMember.deleteMany({ where: { committeeId: c.id, userId: data.userId } });
    if (!removed.count) throw notFound('The committee member');
    await recordEvent(tx, actor, { action: 'committee.member_removed', entityType: 'governance_committee', entityId: c.id, changes: { userId: data.userId } });
    return { committeeId: c.id, userId: data.userId };
  });
}

/** Records a committee meeting, linked to the quarterly review it discussed. */
export async function recordCommitteeMeeting(actor: Actor, input: RecordMeetingInput) {
  authorize(actor, 'training:manage');
  const data = recordMeetingSchema.parse(input);
  return db.$transaction(async (tx) => {
    const c = await committeeOf(tx, actor.orgId);
    let quarter: string | null = null;
    if (data.reviewId) {
      const review = await tx.quarterlyReview.findFirst({ where: { id: data.reviewId, orgId: actor.orgId }, select: { quarter: true } });
      if (!review) throw new AppError('VALIDATION', 'Choose a quarterly review of this organisation.', { fieldErrors: { reviewId: ['Choose a quarterly review of this organisation'] } });
      quarter = review.quarter;
    }
    const m = await tx.committeeMeeting.create({ data: { committeeId: c.id, heldAt: data.heldAt, reviewId: data.reviewId ?? null, minutes: data.minutes ?? null }, select: { id: true, heldAt: true } });
    await recordEvent(tx, actor, { action: 'committee.meeting_recorded', entityType: 'governance_committee', entityId: c.id, changes: { meetingId: m.id, heldAt: m.heldAt.toISOString(), reviewQuarter: quarter } });
    return { id: m.id, committeeId: c.id, reviewQuarter: quarter };
  });
}

/**
 * Rewrites one AI system's RACI as a whole (one accountable person; any
 * number responsible, consulted and informed), every person an active
 * member; one audit event with the RACI before and after.
 */
export async function setSystemRaci(actor: Actor, input: SetRaciInput) {
  authorize(actor, 'training:manage');
  const data = setRaciSchema.parse(input);
  return db.$transaction(async (tx) => {
    const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true, name: true } });
    if (!system) throw notFound('The AI system');
    const wanted = RACI_ROLES.flatMap((role) => {
      const v = data[RACI_FIELDS[role]];
      return [...new Set(v === null ? [] : Array.isArray(v) ? v : [v])].map((userId) => ({ role, userId }));
    });
    const ids = [...new Set(wanted.map((w) => w.userId))];
    const members = await tx.user.findMany({ where: { id: { in: ids }, orgId: actor.orgId, active: true }, select: { id: true } });
    const known = new Set(members.map((m) => m.id));
    const bad = RACI_ROLES.filter((role) => wanted.some((w) => w.role === role && !known.has(w.userId)));
    if (bad.length) throw new AppError('VALIDATION', 'Choose active members of this organisation.', { fieldErrors: Object.fromEntries(bad.map((r) => [RACI_FIELDS[r], ['Choose active members of this organisation']])) });
    const before = await tx.systemRaci.findMany({ where: { aiSystemId: system.id }, select: { role: true, userId: true }, orderBy: [{ role: 'asc' }, { userId: 'asc' }] });
    await tx.systemRaci.deleteMany({ where: { aiSystemId: system.id } });
    if (wanted.length) await tx.systemRaci.createMany({ data: wanted.map((w) => ({ orgId: actor.orgId, aiSystemId: system.id, userId: w.userId, role: w.role })) });
    const shape = (rows: { role: string; userId: string }[]) => Object.fromEntries(RACI_ROLES.map((r) => [RACI_FIELDS[r], rows.filter((x) => x.role === r).map((x) => x.userId).sort()]));
    await recordEvent(tx, actor, { action: 'system.raci_set', entityType: 'ai_system', entityId: system.id, before: shape(before), after: shape(wanted) });
    return { systemId: system.id };
  });
}
