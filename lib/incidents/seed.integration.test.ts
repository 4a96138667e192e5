import { expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('incidents_seed');
const { db } = await import('@/lib/db');
const { seedDemo } = await import('@/prisma/seed/index');
const { TEST_DEMO_DECISIONS } = await import('@/prisma/seed/decisions');
const q = await import('./queries');
const { incidentDetailSchema } = await import('./api-spec');
const { userActor } = await import('@/lib/auth/session');

it('seeds the incident demo story once, through the real mutations', async () => {
  const lines: string[] = [];
  await seedDemo((l) => lines.push(l), { decisions: TEST_DEMO_DECISIONS });
  await seedDemo((l) => lines.push(l), { decisions: TEST_DEMO_DECISIONS });
  expect(lines).toContain('seed: incidents already present');
  // The incident demo's three, and the one the monitoring demo's fairness breach opened itself.
  expect(await db.incident.count()).toBe(4);
  expect(await db.incident.count({ where: { monitoringAlerts: { none: {} } } })).toBe(3);

  const auditor = await db.user.findFirstOrThrow({ where: { role: 'AUDITOR' }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const actor = userActor(auditor, { id: 't', ip: null });
  const list = await q.listIncidents(actor);
  const byTitle = Object.fromEntries(list.items.map((i) => [i.title, i]));

  const fairness = await q.getIncident(actor, byTitle['Credit approvals skewed against women applicants'].id);
  expect(fairness).toMatchObject({ severity: 'SEV2', status: 'RESOLVED', minutesToRollback: 130 });
  expect(fairness.postmortem).not.toBeNull();
  expect(fairness.deployments[0]).toMatchObject({ kind: 'ROLLBACK', from: '1.1.0', to: '1.0.0' });
  expect(fairness.findings).toHaveLength(1);
  // The API returns exactly its documented schema, with rollbacks, findings and a postmortem too.
  expect(incidentDetailSchema.safeParse(fairness).error?.issues ?? []).toEqual([]);

  const breach = await q.getIncident(actor, byTitle['Triage notes exposed through the explanation endpoint'].id);
  expect(breach).toMatchObject({ severity: 'SEV1', status: 'ACKNOWLEDGED' });
  expect(breach.obligations.map((d) => [d.ruleKey, d.state])).toEqual([
    ['gdpr-art-33', 'running'],
    ['us-ca-breach-residents', 'running'],
    ['us-ny-breach-residents', 'running'],
    ['hipaa-164-404', 'running'],
    ['hipaa-164-406', 'running'],
    ['hipaa-164-408-500', 'running'],
    ['gdpr-art-34', 'open'],
    ['us-ca-breach-regulator', 'waiting'],
    ['us-ny-breach-regulator', 'open'],
  ]);

  expect(byTitle['Prompt-injection attempt caught by the input filter'].nearMiss).toBe(true);
  const plans = await q.listResponsePlans(actor);
  expect(plans.map((p) => [p.scope, p.stale])).toEqual([['Organisation-wide', false], ['Clinical triage assistant', true]]);
  expect((await q.listExercises(actor)).map((e) => e.kind)).toEqual(['TABLETOP', 'ROLLBACK_DRILL']);
  expect(await db.auditEvent.count({ where: { entityType: 'incident' } })).toBeGreaterThan(10);
}, 120_000); // the whole demo is seeded twice: longer than the default on a shared machine
