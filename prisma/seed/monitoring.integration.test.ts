import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('seed_monitoring');
const { db } = await import('@/lib/db');
const { seedDemo } = await import('./index');
const { TEST_DEMO_DECISIONS } = await import('./decisions');

describe('the monitoring demo', () => {
  it('tells the credit story, a healthy model and one with missing data, and seeds quickly', { timeout: 180_000 }, async () => {
    await seedDemo(() => undefined, { decisions: TEST_DEMO_DECISIONS });
    const monitors = await db.monitor.findMany({ select: { health: true, windowCount: true, version: { select: { model: { select: { key: true } } } } } });
    const by = Object.fromEntries(monitors.map((m) => [m.version.model.key, m]));
    expect(by['credit-scoring']).toMatchObject({ health: 'BREACH', windowCount: 90 });
    expect(by['product-recommender']).toMatchObject({ health: 'OK', windowCount: 90 });
    expect(by['clinical-triage']).toMatchObject({ health: 'MISSING' });
    const young = await db.monitorAlert.findFirstOrThrow({ where: { kind: 'METRIC', subject: 'accuracy', groupValue: '<25' }, select: { level: true, status: true, incidentId: true } });
    expect(young).toMatchObject({ level: 'BREACH', status: 'ACKNOWLEDGED' });
    // The incident was resolved by the rollback it offers: 3.0.1 (monitored) back to 3.0.0.
    const incident = await db.incident.findUniqueOrThrow({ where: { id: young.incidentId! }, select: { status: true, rolledBackAt: true } });
    expect(incident.status).toBe('RESOLVED');
    expect(incident.rolledBackAt).not.toBeNull();
    const rollback = await db.deploymentEvent.findFirstOrThrow({ where: { incidentId: young.incidentId!, kind: 'ROLLBACK' }, select: { version: { select: { label: true, stage: true } }, fromVersion: { select: { label: true, stage: true } } } });
    expect(rollback).toEqual({ version: { label: '3.0.0', stage: 'PRODUCTION' }, fromVersion: { label: '3.0.1', stage: 'VALIDATION' } });
    expect(await db.monitorAlert.findFirst({ where: { kind: 'DRIFT', subject: 'income', status: 'ACKNOWLEDGED' }, select: { id: true } })).not.toBeNull();
    const started = Date.now();
    const { seedMonitoring } = await import('./monitoring');
    await db.monitor.deleteMany({});
    const org = await db.organization.findFirstOrThrow({ select: { id: true } });
    await seedMonitoring(org.id, () => undefined);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
