import { expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('risks_seed');
const { db } = await import('@/lib/db');
const { seedDemo } = await import('@/prisma/seed/index');
const { TEST_DEMO_DECISIONS } = await import('@/prisma/seed/decisions');
const { systemActor } = await import('@/lib/auth/actor');
const { reopenExpiredRiskAcceptances } = await import('./mutations');

it('seeds 25 risks across the three systems, some accepted and one expired, through the mutations', async () => {
  await seedDemo(() => {}, { decisions: TEST_DEMO_DECISIONS });
  const org = await db.organization.findFirstOrThrow({ select: { id: true } });
  const risks = await db.risk.findMany({ where: { orgId: org.id }, select: { id: true, status: true, acceptanceExpiresAt: true, acceptedById: true, ownerId: true, systems: { select: { systemId: true } } } });
  expect(risks).toHaveLength(25);
  expect(new Set(risks.flatMap((r) => r.systems.map((s) => s.systemId))).size).toBe(3);
  const accepted = risks.filter((r) => r.status === 'ACCEPTED');
  expect(accepted.length).toBeGreaterThanOrEqual(4);
  expect(accepted.every((r) => r.acceptedById && r.acceptedById !== r.ownerId)).toBe(true);
  expect(accepted.filter((r) => r.acceptanceExpiresAt! < new Date())).toHaveLength(1);
  expect(await db.auditEvent.count({ where: { action: 'risk.created' } })).toBe(25);
  expect(await reopenExpiredRiskAcceptances(systemActor(org.id, 'risk-acceptance-expiry'))).toBe(1);
  // The credit model's threat model, and its red-team exercise whose one successful technique raised a finding.
  expect(await db.threatEntry.count({ where: { threatModel: { orgId: org.id } } })).toBe(4);
  const exercise = await db.redTeamExercise.findFirstOrThrow({ where: { orgId: org.id }, select: { completedAt: true, techniques: { select: { result: true, findingId: true } } } });
  expect(exercise.completedAt).not.toBeNull();
  expect(exercise.techniques.filter((t) => t.result === 'SUCCEEDED' && t.findingId)).toHaveLength(1);
  expect(await db.finding.count({ where: { orgId: org.id, source: 'RED_TEAM' } })).toBe(1);
}, 300_000);
