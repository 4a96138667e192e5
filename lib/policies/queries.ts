import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import type { Role } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { policyCapabilities, versionCapabilities } from './capabilities';
import { diffLines } from './diff';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const label = (v: { major: number; minor: number }) => `${v.major}.${v.minor}`;

/** Who must acknowledge: active members whose role the policy requires. */
async function requiredPeople(orgId: string, roles: Role[]) {
  if (!roles.length) return [];
  return db.user.findMany({ where: { orgId, active: true, role: { in: roles } }, select: { id: true, name: true, role: true }, orderBy: { name: 'asc' } });
}

/** Every policy with its current version and how many of the people who must acknowledge it have. */
export async function listPolicies(actor: Actor) {
  authorize(actor, 'policies:read');
  const policies = await db.policy.findMany({
    where: { orgId: actor.orgId },
    orderBy: { title: 'asc' },
    select: { id: true, title: true, category: true, requiredRoles: true, reviewDueAt: true, currentVersion: { select: { id: true, major: true, minor: true, publishedAt: true } }, versions: { where: { status: { in: ['DRAFT', 'APPROVED'] } }, select: { id: true, status: true } } },
  });
  const counts = await db.user.groupBy({ by: ['role'], where: { orgId: actor.orgId, active: true }, _count: { _all: true } });
  const perRole = new Map(counts.map((c) => [c.role, c._count._all]));
  const acked = await db.policyAcknowledgement.groupBy({
    by: ['policyId', 'major'],
    where: { policy: { orgId: actor.orgId }, user: { active: true } },
    _count: { _all: true },
  });
  const mine = actor.userId ? await db.policyAcknowledgement.findMany({ where: { userId: actor.userId }, select: { policyId: true, major: true } }) : [];
  const now = Date.now();
  return {
    items: policies.map((p) => {
      const required = p.requiredRoles.reduce((n, r) => n + (perRole.get(r) ?? 0), 0);
      const done = p.currentVersion ? acked.find((a) => a.policyId === p.id && a.major === p.currentVersion!.major)?._count._all ?? 0 : 0;
      const requiredOfMe = !!actor.role && p.requiredRoles.includes(actor.role);
      return {
        id: p.id, title: p.title, category: p.category,
        currentVersion: p.currentVersion ? { id: p.currentVersion.id, label: label(p.currentVersion), publishedAt: iso(p.currentVersion.publishedAt) } : null,
        pending: p.versions.map((v) => v.status),
        reviewDueAt: iso(p.reviewDueAt), reviewOverdue: !!p.reviewDueAt && p.reviewDueAt.getTime() < now,
        required, acknowledged: Math.min(done, required),
        mine: (requiredOfMe ? (p.currentVersion && mine.some((m) => m.policyId === p.id && m.major === p.currentVersion!.major) ? 'done' : p.currentVersion ? 'due' : 'none') : 'not-required') as 'done' | 'due' | 'none' | 'not-required',
      };
    }),
    capabilities: policyCapabilities(actor),
  };
}

/** One policy: its versions, a diff between two of them, and the acknowledgement status of each person who must acknowledge. */
export async function getPolicy(actor: Actor, id: string, compare?: { from?: string; to?: string }) {
  authorize(actor, 'policies:read');
  const p = await db.policy.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      id: true, title: true, category: true, requiredRoles: true, reviewDueAt: true, currentVersionId: true, owner: { select: { name: true } },
      versions: { orderBy: [{ major: 'desc' }, { minor: 'desc' }], select: { id: true, major: true, minor: true, status: true, body: true, changeNote: true, createdAt: true, approvedAt: true, publishedAt: true, authorId: true, author: { select: { name: true } }, approver: { select: { name: true } } } },
    },
  });
  if (!p) throw notFound('The policy');
  const current = p.versions.find((v) => v.id === p.currentVersionId) ?? null;
  const people = await requiredPeople(actor.orgId, p.requiredRoles);
  const acks = await db.policyAcknowledgement.findMany({ where: { policyId: p.id }, select: { userId: true, major: true, acknowledgedAt: true, version: { select: { major: true, minor: true } } }, orderBy: { acknowledgedAt: 'desc' } });
  const to = p.versions.find((v) => v.id === compare?.to) ?? p.versions[0];
  const from = p.versions.find((v) => v.id === compare?.from) ?? p.versions.find((v) => v !== to && (v.major < to.major || (v.major === to.major && v.minor < to.minor))) ?? null;
  const caps = policyCapabilities(actor);
  return {
    id: p.id, title: p.title, category: p.category, requiredRoles: p.requiredRoles, reviewDueAt: iso(p.reviewDueAt), owner: p.owner?.name ?? null,
    current: current ? { id: current.id, label: label(current), body: current.body, publishedAt: iso(current.publishedAt) } : null,
    versions: p.versions.map((v) => ({
      id: v.id, label: label(v), status: v.status, changeNote: v.changeNote, author: v.author.name, approver: v.approver?.name ?? null,
      createdAt: v.createdAt.toISOString(), publishedAt: iso(v.publishedAt), capabilities: versionCapabilities(actor, v),
    })),
    latestBody: p.versions[0]?.body ?? '',
    diff: from && to ? { from: { id: from.id, label: label(from) }, to: { id: to.id, label: label(to) }, lines: diffLines(from.body, to.body) } : null,
    people: people.map((u) => {
      const ack = current ? acks.find((a) => a.userId === u.id && a.major === current.major) : undefined;
      const earlier = acks.find((a) => a.userId === u.id);
      return { id: u.id, name: u.name, role: u.role, acknowledgedAt: iso(ack?.acknowledgedAt ?? null), version: ack ? label(ack.version) : null, previous: !ack && earlier ? label(earlier.version) : null };
    }),
    mine: current && actor.userId ? (acks.some((a) => a.userId === actor.userId && a.major === current.major) ? 'done' : 'due') : 'none',
    capabilities: caps,
  };
}

/**
 * The AI literacy register (EU AI Act Art. 4): per role, the courses it
 * requires and how many of its people hold a valid completion; the people
 * overdue (missing or expired), for the dashboard.
 */
export async function trainingCoverage(actor: Actor) {
  authorize(actor, 'training:read');
  const [courses, users, records] = await Promise.all([
    db.trainingCourse.findMany({ where: { orgId: actor.orgId }, orderBy: { title: 'asc' }, select: { id: true, title: true, provider: true, validityMonths: true, requiredRoles: true } }),
    db.user.findMany({ where: { orgId: actor.orgId, active: true }, select: { id: true, name: true, role: true }, orderBy: { name: 'asc' } }),
    db.trainingRecord.findMany({ where: { orgId: actor.orgId }, select: { courseId: true, userId: true, completedAt: true, expiresAt: true } }),
  ]);
  const now = Date.now();
  const valid = new Set(records.filter((r) => !r.expiresAt || r.expiresAt.getTime() > now).map((r) => `${r.courseId}:${r.userId}`));
  const latest = new Map<string, { completedAt: Date; expiresAt: Date | null }>();
  for (const r of records) {
    const k = `${r.courseId}:${r.userId}`;
    const prev = latest.get(k);
    if (!prev || prev.completedAt < r.completedAt) latest.set(k, r);
  }
  const roles = [...new Set(users.map((u) => u.role))].sort();
  const coverage = roles.map((role) => {
    const people = users.filter((u) => u.role === role);
    const required = courses.filter((c) => c.requiredRoles.includes(role));
    const covered = people.filter((u) => required.every((c) => valid.has(`${c.id}:${u.id}`))).length;
    return { role, people: people.length, required: required.map((c) => c.title), covered, percent: people.length ? Math.round((covered / people.length) * 100) : 100 };
  });
  const overdue = users.flatMap((u) =>
    courses
      .filter((c) => c.requiredRoles.includes(u.role) && !valid.has(`${c.id}:${u.id}`))
      .map((c) => {
        const last = latest.get(`${c.id}:${u.id}`);
        return { userId: u.id, name: u.name, role: u.role, course: c.title, courseId: c.id, expiredAt: iso(last?.expiresAt ?? null), state: last ? 'expired' as const : 'missing' as const };
      }),
  );
  return {
    courses: courses.map((c) => ({ ...c, completions: records.filter((r) => r.courseId === c.id && (!r.expiresAt || r.expiresAt.getTime() > now)).length })),
    coverage,
    overdue,
    people: users.map((u) => ({ id: u.id, name: u.name })),
    capabilities: policyCapabilities(actor),
  };
}

// The governance roles (committee and system RACIs), read by other domains through this entry point.
export { getCommittee, getSystemRaci, raciPeople, systemRacis } from './governance/queries';
