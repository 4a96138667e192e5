import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrationsDir } from '@/lib/platform/migrate';
import { createTestDatabase, type TestDatabase } from '@/lib/tooling/test/test-db';
import { incidentFactsFrom } from './facts';
import { ruleDefinitionSchema } from './language';

// The migration to the rule language keeps existing data valid: old facts are
// mapped, old rules become rule-language definitions, notifications under the
// retired HIPAA rule stay attached. Runs the SQL files on a real PostgreSQL.
const MIGRATION = '20261201213538_notification_rule_language';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase('rules_migration', { empty: true });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const folders = (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const f of folders.filter((name) => name < MIGRATION)) await client.query(await readFile(path.join(migrationsDir, f, 'migration.sql'), 'utf8'));

  await client.query(`INSERT INTO "Organization" (id, name, slug, "updatedAt") VALUES ('o1', 'Untouched', 'o1', now()), ('o2', 'Edited', 'o2', now())`);
  await client.query(`INSERT INTO "AISystem" (id, "orgId", name, purpose, domain, regions, "riskTier", "updatedAt") VALUES ('s1', 'o1', 'Triage', 'p', 'HEALTHCARE', ARRAY['EU','US'], 'HIGH', now())`);
  await client.query(`INSERT INTO "Incident" (id, "orgId", title, description, severity, "detectedAt", "updatedAt", "personalData", "healthData", "treeAnswers")
    VALUES ('i1', 'o1', 'Breach', 'd', 'SEV1', now(), now(), true, true, '{"answers":{"death":false,"seriousHarm":true,"criticalInfrastructure":true,"widespread":false}}')`);
  await client.query(`INSERT INTO "_IncidentSystems" ("A", "B") VALUES ('s1', 'i1')`);
  await client.query(`INSERT INTO "IncidentNotification" (id, "orgId", "incidentId", "ruleKey", "notifiedAt", recipient, reference) VALUES ('n1', 'o1', 'i1', 'hipaa-breach', now(), 'HHS', 'R-1')`);
  const defaults = `
    ('gdpr-art-33', 'Personal data breach notification', 'GDPR Art. 33', 'Supervisory authority', 72, 'gdpr-art-33', ARRAY['personalData'], ARRAY[]::TEXT[]),
    ('eu-ai-act-art-73-widespread', 'Serious incident report (widespread or critical infrastructure)', 'EU AI Act Art. 73(3)', 'Market surveillance authority', 48, 'eu-ai-act-art-73', ARRAY['highRisk', 'inEu'], ARRAY['widespread', 'criticalInfrastructure']),
    ('hipaa-breach', 'Breach notification to individuals and HHS', 'HIPAA 45 CFR 164.404', 'Affected individuals and HHS', 1440, 'hipaa-breach', ARRAY['personalData', 'healthData', 'inUs'], ARRAY[]::TEXT[])`;
  for (const org of ['o1', 'o2']) {
    await client.query(`INSERT INTO "IncidentNotificationRule" (id, "orgId", key, name, regulation, recipient, hours, "group", "whenAll", "whenAny", "updatedAt")
      SELECT '${org}-' || k, '${org}', k, n, r, rc, h, g, wa, wy, now() FROM (VALUES ${defaults}) AS v(k, n, r, rc, h, g, wa, wy)`);
  }
  // o2 edited the GDPR rule (24 hours) and added its own.
  await client.query(`UPDATE "IncidentNotificationRule" SET hours = 24 WHERE "orgId" = 'o2' AND key = 'gdpr-art-33'`);
  await client.query(`INSERT INTO "IncidentNotificationRule" (id, "orgId", key, name, regulation, recipient, hours, "group", "whenAll", "whenAny", "updatedAt")
    VALUES ('o2-own', 'o2', 'state-law', 'State law', 'State law', 'AG', 24, 'state-law', ARRAY[]::TEXT[], ARRAY[]::TEXT[], now())`);

  await client.query(await readFile(path.join(migrationsDir, MIGRATION, 'migration.sql'), 'utf8'));
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

it('maps the old incident facts: health data is a special category and PHI, the tree gives the AI Act harms', async () => {
  const { rows } = await client.query(`SELECT "dataCategories", "entityRoles", "notificationFlags" FROM "Incident" WHERE id = 'i1'`);
  expect(rows[0]).toEqual({
    dataCategories: ['PERSONAL_DATA', 'SPECIAL_CATEGORY', 'PHI'],
    entityRoles: ['CONTROLLER', 'AI_PROVIDER', 'COVERED_ENTITY'],
    notificationFlags: ['seriousHealthHarm', 'criticalInfrastructureDisruption'],
  });
});

it('drops the copies of an organisation that never edited a rule (it gets the shipped rules) and keeps edits as valid rules', async () => {
  const { rows } = await client.query(`SELECT "orgId", key, definition, customised, "libraryVersion" FROM "IncidentNotificationRule" ORDER BY "orgId", key`);
  expect(rows.filter((r) => r.orgId === 'o1')).toEqual([]);
  const o2 = rows.filter((r) => r.orgId === 'o2');
  expect(o2.map((r) => [r.key, r.customised, r.libraryVersion])).toEqual([
    ['eu-ai-act-art-73-widespread', false, 1],
    ['gdpr-art-33', true, 1],
    ['hipaa-breach', false, 1],
    ['state-law', true, null],
  ]);
  for (const r of o2) expect(ruleDefinitionSchema.safeParse(r.definition).success, r.key).toBe(true);
  const gdpr = ruleDefinitionSchema.parse(o2.find((r) => r.key === 'gdpr-art-33')!.definition);
  expect(gdpr.limits).toEqual([{ start: { event: 'awareness' }, within: { amount: 24, unit: 'hours' } }]);
  const widespread = ruleDefinitionSchema.parse(o2.find((r) => r.key === 'eu-ai-act-art-73-widespread')!.definition);
  expect(widespread.appliesWhen).toEqual({
    kind: 'all',
    of: [
      { kind: 'not', of: { kind: 'flag', flag: 'nearMiss' } },
      { kind: 'riskClass', any: ['HIGH'] },
      { kind: 'operatesIn', any: ['EU'] },
      { kind: 'any', of: [{ kind: 'flag', flag: 'widespreadInfringement' }, { kind: 'flag', flag: 'criticalInfrastructureDisruption' }] },
    ],
  });
});

it('moves a notification recorded under the retired HIPAA rule to 164.404 (the notice to individuals)', async () => {
  const { rows } = await client.query(`SELECT "ruleKey", reference FROM "IncidentNotification"`);
  expect(rows).toEqual([{ ruleKey: 'hipaa-164-404', reference: 'R-1' }]);
  const inc = (await client.query(`SELECT * FROM "Incident" WHERE id = 'i1'`)).rows[0];
  const facts = incidentFactsFrom({ ...inc, systems: [{ riskTier: 'HIGH', regions: ['EU', 'US'], domain: 'HEALTHCARE' }] }, []);
  expect(facts.dataCategories).toContain('PHI');
});
