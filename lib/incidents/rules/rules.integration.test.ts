import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('incident_rules');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('@/lib/incidents/mutations');
const q = await import('@/lib/incidents/queries');
const lib = await import('./library');
const { shippedRules } = await import('./shipped');
const { incidentDetailSchema } = await import('@/lib/incidents/api-spec');

let actors: Record<Role, Actor>;
let orgId: string;
let system: { id: string };
const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
const gdpr = () => {
  const { key: _key, ...def } = shippedRules().rules.find((r) => r.key === 'gdpr-art-33')!;
  return def;
};

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles());
  system = await db.aISystem.create({
    data: { orgId, name: 'Patient portal assistant', purpose: 'Answers patients', domain: 'HEALTHCARE', regions: ['US'], riskTier: 'LIMITED', technicalOwnerId: actors.ENGINEER.userId },
    select: { id: true },
  });
});

const report = (over: Record<string, unknown> = {}) =>
  m.reportIncident(actors.ENGINEER, { title: 'Chat transcripts exposed', description: 'A misconfigured bucket exposed transcripts.', type: 'DATA_BREACH', detectedAt: hoursAgo(2), systemIds: [system.id], ...over });

describe('incident facts drive the obligations', () => {
  it('HIPAA (45 CFR 164.408): 400 affected people go to the annual HHS log, 600 to HHS within 60 days and the media (164.406)', async () => {
    const base = { dataCategories: ['PHI'], entityRoles: ['COVERED_ENTITY'] };
    const small = await report({ ...base, peopleAffected: 400, residents: { 'US-CA': 400 } });
    const large = await report({ ...base, peopleAffected: 600, residents: { 'US-CA': 600 } });
    const keys = async (id: string) => (await q.getIncident(actors.AUDITOR, id)).obligations.filter((o) => o.ruleKey.startsWith('hipaa')).map((o) => o.ruleKey).sort();
    expect(await keys(small.id)).toEqual(['hipaa-164-404', 'hipaa-164-408-annual']);
    expect(await keys(large.id)).toEqual(['hipaa-164-404', 'hipaa-164-406', 'hipaa-164-408-500']);
  });

  it('fires no GDPR rule for a system used only in the US (GDPR Art. 3), even with personal data', async () => {
    const inc = await report({ personalData: true, peopleAffected: 20, residents: { 'US-TX': 20 } });
    const out = (await q.getIncident(actors.AUDITOR, inc.id)).obligations;
    expect(out.filter((o) => o.citation.startsWith('GDPR'))).toEqual([]);
  });

  it('waits for the materiality determination (Form 8-K Item 1.05), then counts 4 business days; the change is audited', async () => {
    const inc = await report({ entityRoles: ['SEC_REGISTRANT'], notificationFlags: ['cybersecurityIncident'] });
    let sec = (await q.getIncident(actors.AUDITOR, inc.id)).obligations.find((o) => o.ruleKey === 'sec-8k-item-1-05')!;
    expect(sec).toMatchObject({ state: 'waiting', waitingFor: 'materiality determination', dueAt: null });
    await deny(m.updateIncident(actors.AUDITOR, inc.id, { materiality: 'MATERIAL' }));
    await m.updateIncident(actors.ENGINEER, inc.id, { materiality: 'MATERIAL', materialityDeterminedAt: new Date('2026-11-25T15:00:00Z') });
    sec = (await q.getIncident(actors.AUDITOR, inc.id)).obligations.find((o) => o.ruleKey === 'sec-8k-item-1-05')!;
    // Wed 25 Nov; Thu 26 Thanksgiving; Fri 27 (1), Mon 30 (2), Tue 1 (3), Wed 2 Dec (4), 17:30 Eastern.
    expect(sec).toMatchObject({ dueAt: '2026-12-02T22:30:00.000Z', startedBy: { event: 'materiality determination', at: '2026-11-25T15:00:00.000Z' } });
    const event = await db.auditEvent.findFirst({ where: { orgId, action: 'incident.facts_changed', entityId: inc.id }, select: { changes: true } });
    expect(JSON.parse(String(event?.changes))).toMatchObject({ before: { materiality: 'NOT_ASSESSED' }, after: { materiality: 'MATERIAL', materialityDeterminedAt: '2026-11-25T15:00:00.000Z' } });
  });

  it('refuses facts it cannot read, naming the field, and writes nothing', async () => {
    const inc = await report({ personalData: true });
    const before = await db.auditEvent.count();
    await expect(m.updateIncident(actors.ENGINEER, inc.id, { residents: 'California: lots' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['residents'], message: expect.stringMatching(/CODE: number/) })] });
    await expect(m.updateIncident(actors.ENGINEER, inc.id, { dataCategories: ['DNA'] })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['dataCategories', 0] })] });
    await expect(m.updateIncident(actors.ENGINEER, inc.id, { awareAt: new Date(Date.now() + 86_400_000) })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { awareAt: [expect.stringMatching(/future/)] } });
    expect(await db.auditEvent.count()).toBe(before);
  });

  it('exports a notification draft pre-filled from the incident', async () => {
    const inc = await report({ dataCategories: ['GOVERNMENT_ID'], residents: { 'US-CA': 12 }, peopleAffected: 12 });
    const draft = await q.notificationDraftFor(actors.AUDITOR, inc.id, 'us-ca-breach-residents');
    expect(draft.markdown).toContain('# Notification draft: Cal. Civ. Code § 1798.82(a)');
    expect(draft.markdown).toContain('A misconfigured bucket exposed transcripts.');
    expect(draft.markdown).toContain('Government identifier');
    expect(draft.text).not.toContain('**');
    await expect(q.notificationDraftFor(actors.AUDITOR, inc.id, 'gdpr-art-33')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

it('GET /api/v1/incidents/{id} returns exactly its documented (strict) schema', async () => {
  const inc = await report({ dataCategories: ['PHI'], entityRoles: ['COVERED_ENTITY', 'SEC_REGISTRANT'], notificationFlags: ['cybersecurityIncident'], peopleAffected: 700, residents: { 'US-CA': 700 } });
  await m.addCorrectiveAction(actors.ADMIN, { id: inc.id, title: 'Rotate keys', ownerId: actors.ENGINEER.userId!, dueDate: new Date(Date.now() + 86_400_000) });
  const detail = await q.getIncident(actors.AUDITOR, inc.id);
  const parsed = incidentDetailSchema.safeParse(detail);
  expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  expect(detail.obligations.length).toBeGreaterThan(3);
});

it('a scheduled job records 50 %, 80 % and the deadline of a running clock once each; reads write nothing', async () => {
  // GDPR Art. 33(1): 72 hours from awareness. Detected 60 hours ago: past 50 % and 80 %, not the deadline.
  const eu = await db.aISystem.create({ data: { orgId, name: `EU chatbot ${Date.now()}`, purpose: 'p', domain: 'OTHER', regions: ['EU'], riskTier: 'LIMITED' }, select: { id: true } });
  const inc = await report({ systemIds: [eu.id], personalData: true, detectedAt: hoursAgo(60) });
  const { recordNotificationThresholds } = await import('@/lib/incidents/record-notification-thresholds');
  const before = await db.auditEvent.count({ where: { action: 'incident.notification_threshold', entityId: inc.id } });
  await q.getIncident(actors.AUDITOR, inc.id);
  expect(await db.auditEvent.count({ where: { action: 'incident.notification_threshold', entityId: inc.id } })).toBe(before);
  await deny(recordNotificationThresholds(actors.ENGINEER, new Date()));
  expect(await recordNotificationThresholds(actors.COMPLIANCE_OFFICER, new Date())).toBeGreaterThanOrEqual(2);
  const texts = (await db.incidentTimelineEntry.findMany({ where: { incidentId: inc.id, text: { startsWith: 'Notification clock' } }, select: { text: true } })).map((t) => t.text).sort();
  expect(texts).toEqual(['Notification clock GDPR Art. 33(1) (gdpr-art-33): 50 % of the time is used.', 'Notification clock GDPR Art. 33(1) (gdpr-art-33): 80 % of the time is used.']);
  await recordNotificationThresholds(actors.COMPLIANCE_OFFICER, new Date());
  expect(await db.auditEvent.count({ where: { action: 'incident.notification_threshold', entityId: inc.id } })).toBe(2);
  // 13 hours later the deadline has passed.
  await recordNotificationThresholds(actors.COMPLIANCE_OFFICER, new Date(Date.now() + 13 * 3_600_000));
  expect(await db.auditEvent.count({ where: { action: 'incident.notification_threshold', entityId: inc.id } })).toBe(3);
});

describe('the rules are versioned data the organisation can edit', () => {
  it('uses the shipped rules until an administrator loads or edits them', async () => {
    const set = await lib.listNotificationRules(actors.AUDITOR);
    expect(set).toMatchObject({ stored: false, shippedVersion: shippedRules().libraryVersion });
    expect(set.rules).toHaveLength(shippedRules().rules.length);
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] as const) {
      await deny(lib.loadShippedNotificationRules(actors[role]));
      await deny(lib.saveNotificationRule(actors[role], { key: 'x-law', definition: gdpr(), active: true }));
    }
  });

  it('validates a rule and names the path of the error', async () => {
    await expect(lib.saveNotificationRule(actors.ADMIN, { key: 'bad', definition: '{ not json', active: true })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { definition: [expect.stringMatching(/Not valid JSON/)] } });
    const bad = { ...gdpr(), appliesWhen: { kind: 'flag', flag: 'nonsense' } };
    await expect(lib.saveNotificationRule(actors.ADMIN, { key: 'bad', definition: JSON.stringify(bad), active: true })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { 'definition.appliesWhen.flag': [expect.any(String)] } });
    const dangling = { ...gdpr(), limits: [{ start: { event: 'notified', rule: 'no-such-rule' }, within: { amount: 1, unit: 'hours' } }] };
    await expect(lib.saveNotificationRule(actors.ADMIN, { key: 'dangling', definition: dangling, active: true })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { 'definition.limits.0.start.rule': [expect.stringMatching(/Unknown rule/)] } });
    expect(await db.incidentNotificationRule.count({ where: { orgId } })).toBe(0);
  });

  it('previews a rule against the sample incident or a real one, writing nothing', async () => {
    const usOnly = await report({ personalData: true });
    const events = await db.auditEvent.count();
    const sample = await lib.previewNotificationRule(actors.ADMIN, { key: 'gdpr-copy', definition: JSON.stringify(gdpr()) });
    expect(sample).toMatchObject({ applies: true, sample: 'the built-in sample incident' });
    expect(sample.obligation?.why.length).toBeGreaterThan(0);
    const real = await lib.previewNotificationRule(actors.ADMIN, { key: 'gdpr-copy', definition: gdpr(), incidentId: usOnly.id });
    expect(real).toMatchObject({ applies: false, obligation: null });
    expect(await db.auditEvent.count()).toBe(events);
  });

  it('keeps an edit through a reload and lists it as a conflict when the shipped rule moved on; retires the old HIPAA rule', async () => {
    const edited = { ...gdpr(), limits: [{ start: { event: 'awareness' }, within: { amount: 48, unit: 'hours' } }] };
    expect(await lib.saveNotificationRule(actors.ADMIN, { key: 'gdpr-art-33', definition: edited, active: true })).toEqual({ key: 'gdpr-art-33', customised: true });
    expect(await db.incidentNotificationRule.count({ where: { orgId } })).toBe(shippedRules().rules.length);
    // As if the edit had been made on library version 1 and the rule changed since.
    await db.incidentNotificationRule.update({ where: { orgId_key: { orgId, key: 'gdpr-art-33' } }, data: { libraryVersion: 1 } });
    await db.incidentNotificationRule.create({ data: { orgId, key: 'hipaa-breach', definition: { ...gdpr(), citation: 'HIPAA 45 CFR 164.404' }, libraryVersion: 1 } });
    await db.incidentNotificationRule.update({ where: { orgId_key: { orgId, key: 'nydfs-500-17' } }, data: { definition: { ...gdpr(), name: 'stale copy' }, libraryVersion: 1 } });
    expect((await lib.listNotificationRules(actors.AUDITOR)).conflicts.map((c) => c.key)).toEqual(['gdpr-art-33']);

    const report1 = await lib.loadShippedNotificationRules(actors.ADMIN);
    expect(report1).toMatchObject({ updated: ['nydfs-500-17'], retired: ['hipaa-breach'], conflicts: [{ key: 'gdpr-art-33' }], created: [] });
    const rules = await lib.activeNotificationRules(actors.AUDITOR);
    expect(rules.find((r) => r.key === 'gdpr-art-33')!.limits[0].within.amount).toBe(48);
    expect(rules.find((r) => r.key === 'nydfs-500-17')!.name).toBe('Notice of a cybersecurity incident to the Superintendent');
    expect(rules.some((r) => r.key === 'hipaa-breach')).toBe(false);
    const again = await lib.loadShippedNotificationRules(actors.ADMIN);
    expect(again).toMatchObject({ updated: [], created: [], retired: [], conflicts: [{ key: 'gdpr-art-33' }] });
    expect(await db.auditEvent.count({ where: { orgId, action: 'incident.rules_reloaded' } })).toBe(2);
  });
});
