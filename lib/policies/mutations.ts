import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { assertActiveMember } from '@/lib/auth/org';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { versionCapabilities } from './capabilities';
import { createCourseSchema, createPolicySchema, draftVersionSchema, policyIdSchema, recordTrainingSchema, updatePolicySchema, versionIdSchema, type CreatePolicyInput } from './schema';

const asDate = (d: string) => new Date(`${d}T00:00:00.000Z`);
const label = (v: { major: number; minor: number }) => `${v.major}.${v.minor}`;

/** A new policy with its first version (1.0) as a draft. */
export async function createPolicy(actor: Actor, input: CreatePolicyInput) {
  authorize(actor, 'policies:write');
  if (!actor.userId) throw forbidden('A policy version needs a person as its author.');
  const data = createPolicySchema.parse(input);
  return db.$transaction(async (tx) => {
    const clash = await tx.policy.findFirst({ where: { orgId: actor.orgId, title: { equals: data.title, mode: 'insensitive' } }, select: { id: true } });
    if (clash) throw new AppError('CONFLICT', `A policy titled ${data.title} already exists.`, { fieldErrors: { title: ['Already in use'] } });
    const policy = await tx.policy.create({
      data: { orgId: actor.orgId, title: data.title, category: data.category, ownerId: actor.userId, requiredRoles: [...new Set(data.requiredRoles)], reviewDueAt: data.reviewDueAt ? asDate(data.reviewDueAt) : null },
      select: { id: true, title: true },
    });
    const version = await tx.policyVersion.create({ data: { policyId: policy.id, major: 1, minor: 0, body: data.body, changeNote: data.changeNote ?? null, authorId: actor.userId! }, select: { id: true } });
    await recordEvent(tx, actor, { action: 'policy.created', entityType: 'policy', entityId: policy.id, changes: { title: data.title, category: data.category, requiredRoles: data.requiredRoles, versionId: version.id, version: '1.0' } });
    return { ...policy, versionId: version.id };
  });
}

export async function updatePolicy(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'policies:write');
  const data = updatePolicySchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.policy.findFirst({ where: { id: data.policyId, orgId: actor.orgId }, select: { id: true, requiredRoles: true, reviewDueAt: true } });
    if (!before) throw notFound('The policy');
    const after = await tx.policy.update({ where: { id: before.id }, data: { requiredRoles: [...new Set(data.requiredRoles)], reviewDueAt: data.reviewDueAt ? asDate(data.reviewDueAt) : null }, select: { id: true, requiredRoles: true, reviewDueAt: true } });
    await recordEvent(tx, actor, { action: 'policy.updated', entityType: 'policy', entityId: before.id, before, after });
    return { id: after.id };
  });
}

/** Drafts the next version: a minor one (1.1) or, for a change people must acknowledge again, a major one (2.0). */
export async function draftPolicyVersion(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'policies:write');
  if (!actor.userId) throw forbidden('A policy version needs a person as its author.');
  const data = draftVersionSchema.parse(input);
  return db.$transaction(async (tx) => {
    const policy = await tx.policy.findFirst({ where: { id: data.policyId, orgId: actor.orgId }, select: { id: true } });
    if (!policy) throw notFound('The policy');
    const open = await tx.policyVersion.findFirst({ where: { policyId: policy.id, status: { in: ['DRAFT', 'APPROVED'] } }, select: { id: true } });
    if (open) throw new AppError('CONFLICT', 'This policy already has a version waiting for approval or publication. Publish or replace it first.');
    const latest = await tx.policyVersion.findFirst({ where: { policyId: policy.id }, orderBy: [{ major: 'desc' }, { minor: 'desc' }], select: { major: true, minor: true } });
    const next = !latest ? { major: 1, minor: 0 } : data.major ? { major: latest.major + 1, minor: 0 } : { major: latest.major, minor: latest.minor + 1 };
    const v = await tx.policyVersion.create({ data: { policyId: policy.id, ...next, body: data.body, changeNote: data.changeNote ?? null, authorId: actor.userId! }, select: { id: true, major: true, minor: true } });
    await recordEvent(tx, actor, { action: 'policy.version_drafted', entityType: 'policy', entityId: policy.id, changes: { versionId: v.id, version: label(v), changeNote: data.changeNote ?? null } });
    return { id: v.id, policyId: policy.id, version: label(v) };
  });
}

/** Approval by someone other than the version's author (the author is refused). */
export async function approvePolicyVersion(actor: Actor, input: { versionId: string }) {
  authorize(actor, 'policies:approve');
  const { versionId } = versionIdSchema.parse(input);
  return db.$transaction(async (tx) => {
    const v = await tx.policyVersion.findFirst({ where: { id: versionId, policy: { orgId: actor.orgId } }, select: { id: true, policyId: true, status: true, authorId: true, major: true, minor: true } });
    if (!v) throw notFound('The policy version');
    if (v.authorId === actor.userId) throw forbidden('The author of a version cannot approve it: ask another approver.');
    if (!versionCapabilities(actor, v).approve) throw new AppError('CONFLICT', 'Only a draft version can be approved.');
    const res = await tx.policyVersion.updateMany({ where: { id: v.id, status: 'DRAFT' }, data: { status: 'APPROVED', approvedById: actor.userId, approvedAt: new Date() } });
    if (!res.count) throw new AppError('CONFLICT', 'This version was approved already.');
    await recordEvent(tx, actor, { action: 'policy.version_approved', entityType: 'policy', entityId: v.policyId, changes: { versionId: v.id, version: label(v), authorId: v.authorId } });
    return { id: v.id, policyId: v.policyId, status: 'APPROVED' as const };
  });
}

/** Publishes an approved version: it becomes the current one and the previous one is superseded. */
export async function publishPolicyVersion(actor: Actor, input: { versionId: string }) {
  authorize(actor, 'policies:approve');
  const { versionId } = versionIdSchema.parse(input);
  return db.$transaction(async (tx) => {
    const v = await tx.policyVersion.findFirst({ where: { id: versionId, policy: { orgId: actor.orgId } }, select: { id: true, policyId: true, status: true, authorId: true, major: true, minor: true, policy: { select: { currentVersionId: true } } } });
    if (!v) throw notFound('The policy version');
    if (!versionCapabilities(actor, v).publish) throw new AppError('CONFLICT', 'Only an approved version can be published.');
    const now = new Date();
    await tx.policyVersion.updateMany({ where: { policyId: v.policyId, status: 'PUBLISHED' }, data: { status: 'SUPERSEDED' } });
    await tx.policyVersion.update({ where: { id: v.id }, data: { status: 'PUBLISHED', publishedAt: now } });
    await tx.policy.update({ where: { id: v.policyId }, data: { currentVersionId: v.id } });
    await recordEvent(tx, actor, { action: 'policy.version_published', entityType: 'policy', entityId: v.policyId, changes: { versionId: v.id, version: label(v), previousVersionId: v.policy.currentVersionId } });
    return { id: v.id, policyId: v.policyId, status: 'PUBLISHED' as const };
  });
}

/**
 * The signed-in person acknowledges the current version of a policy. Any
 * version of the current major version counts, so a minor edit asks nobody
 * again; API tokens are refused (an acknowledgement is a person's own act).
 */
export async function acknowledgePolicy(actor: Actor, input: { policyId: string }) {
  authorize(actor, 'policies:acknowledge');
  if (actor.kind !== 'user' || !actor.userId) throw forbidden('Only a signed-in person can acknowledge a policy for themselves.');
  const { policyId } = policyIdSchema.parse(input);
  return db.$transaction(async (tx) => {
    const p = await tx.policy.findFirst({ where: { id: policyId, orgId: actor.orgId }, select: { id: true, currentVersion: { select: { id: true, major: true, minor: true } } } });
    if (!p) throw notFound('The policy');
    if (!p.currentVersion) throw new AppError('CONFLICT', 'This policy has no published version to acknowledge yet.');
    const existing = await tx.policyAcknowledgement.findFirst({ where: { policyId: p.id, userId: actor.userId!, major: p.currentVersion.major }, select: { id: true } });
    if (existing) return { policyId: p.id, versionId: p.currentVersion.id, already: true };
    await tx.policyAcknowledgement.create({ data: { policyId: p.id, versionId: p.currentVersion.id, userId: actor.userId!, major: p.currentVersion.major } });
    await recordEvent(tx, actor, { action: 'policy.acknowledged', entityType: 'policy', entityId: p.id, changes: { versionId: p.currentVersion.id, version: label(p.currentVersion) } });
    return { policyId: p.id, versionId: p.currentVersion.id, already: false };
  });
}

export async function createTrainingCourse(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'training:manage');
  const data = createCourseSchema.parse(input);
  return db.$transaction(async (tx) => {
    const clash = await tx.trainingCourse.findFirst({ where: { orgId: actor.orgId, title: { equals: data.title, mode: 'insensitive' } }, select: { id: true } });
    if (clash) throw new AppError('CONFLICT', `A course titled ${data.title} already exists.`, { fieldErrors: { title: ['Already in use'] } });
    const c = await tx.trainingCourse.create({ data: { orgId: actor.orgId, title: data.title, provider: data.provider ?? null, validityMonths: data.validityMonths ?? null, requiredRoles: [...new Set(data.requiredRoles)] }, select: { id: true, title: true } });
    await recordEvent(tx, actor, { action: 'training.course_created', entityType: 'training_course', entityId: c.id, after: data });
    return c;
  });
}

/** Records that a person completed a course; the completion expires after the course's validity. */
export async function recordTraining(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'training:manage');
  const data = recordTrainingSchema.parse(input);
  const completedAt = asDate(data.completedAt);
  if (completedAt.getTime() > Date.now() + 86_400_000) throw new AppError('VALIDATION', 'A completion cannot be in the future.', { fieldErrors: { completedAt: ['Today or earlier'] } });
  return db.$transaction(async (tx) => {
    const course = await tx.trainingCourse.findFirst({ where: { id: data.courseId, orgId: actor.orgId }, select: { id: true, validityMonths: true, title: true } });
    if (!course) throw new AppError('VALIDATION', 'Unknown course.', { fieldErrors: { courseId: ['Unknown course'] } });
    await assertActiveMember(tx, actor.orgId, data.userId, 'userId');
    let expiresAt: Date | null = null;
    if (course.validityMonths) {
      expiresAt = new Date(completedAt);
      expiresAt.setUTCMonth(expiresAt.getUTCMonth() + course.validityMonths);
    }
    const r = await tx.trainingRecord.create({ data: { orgId: actor.orgId, courseId: course.id, userId: data.userId, completedAt, expiresAt, createdById: actor.userId }, select: { id: true } });
    await recordEvent(tx, actor, { action: 'training.recorded', entityType: 'training_record', entityId: r.id, changes: { courseId: course.id, course: course.title, userId: data.userId, completedAt: data.completedAt, expiresAt: expiresAt?.toISOString() ?? null } });
    return { id: r.id };
  });
}
