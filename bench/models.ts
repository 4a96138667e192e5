// Seeds a registry of 500 models, 5,000 versions and 100,000 per-group
// fairness rows, then times the model list and version pages on the
// production build (run `npm run build` first).
//   npm run bench:models -- [models] [versionsPerModel] [groupsPerVersion]
import pg from 'pg';
import { hashPassword } from '@/lib/auth/password';
import { canonicalJson } from '@/lib/audit/canonical';
import { demoModelCard } from '@/lib/models/demo-card';
import { benchDatabase, figure, ms, signInCookie, startApp, timeRequests } from './support';

const MODELS = Number(process.argv[2] ?? 500);
const PER_MODEL = Number(process.argv[3] ?? 10);
const GROUPS = Number(process.argv[4] ?? 20);
const PASSWORD = 'bench-password-2026';

const db = await benchDatabase('models');
const pool = new pg.Pool({ connectionString: db.url, max: 4 });
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  const t0 = performance.now();
  const hash = await hashPassword(PASSWORD);
  const card = canonicalJson(demoModelCard('Bench model', 'Benchmarking'));
  await pool.query(`INSERT INTO "Organization" (id, name, slug, "updatedAt") VALUES ('org', 'Bench', 'bench', now())`);
  await pool.query(
    `INSERT INTO "User" (id, "orgId", email, name, role, "passwordHash", "updatedAt") VALUES
      ('u-eng', 'org', 'eng@bench.example', 'Bench Engineer', 'ENGINEER', $1, now()),
      ('u-aud', 'org', 'aud@bench.example', 'Bench Auditor', 'AUDITOR', $1, now()),
      ('u-com', 'org', 'com@bench.example', 'Bench Compliance', 'COMPLIANCE_OFFICER', $1, now())`,
    [hash],
  );
  await pool.query(
    `INSERT INTO "AISystem" (id, "orgId", name, purpose, domain, regions, "riskTier", "updatedAt")
     SELECT 'sys-' || i, 'org', 'System ' || i, 'Bench', 'OTHER', ARRAY['EU'], 'HIGH', now() FROM generate_series(1, 20) i`,
  );
  await pool.query(
    `INSERT INTO "Dataset" (id, "orgId", name, "ownerId", classification, "personalDataCategories", "updatedAt")
     SELECT 'ds-' || i, 'org', 'Dataset ' || lpad(i::text, 3, '0'), 'u-com', (ARRAY['PUBLIC','INTERNAL','CONFIDENTIAL','RESTRICTED'])[1 + i % 4]::"DatasetClassification", ARRAY[]::text[], now()
     FROM generate_series(1, 200) i`,
  );
  await pool.query(
    `INSERT INTO "Model" (id, "orgId", "systemId", key, name, purpose, "ownerId", "businessOwnerId", "updatedAt")
     SELECT 'm-' || i, 'org', 'sys-' || (1 + i % 20), 'model-' || lpad(i::text, 4, '0'), 'Model ' || lpad(i::text, 4, '0'), 'Bench purpose', 'u-eng', 'u-com', now()
     FROM generate_series(1, $1::int) i`,
    [MODELS],
  );
  // Per model: the newest version in production, the rest spread over the other stages.
  await pool.query(
    `INSERT INTO "ModelVersion" (id, "orgId", "modelId", label, stage, "createdById", "createdAt", "updatedAt", framework, "artifactUri", "artifactDigest", "artifactSize", hyperparameters, "modelCard")
     SELECT 'v-' || i || '-' || j, 'org', 'm-' || i, '1.' || j || '.0',
            CASE WHEN j = $2::int THEN 'PRODUCTION' ELSE (ARRAY['DRAFT','VALIDATION','BIAS_REVIEW','PENDING_APPROVAL','APPROVED','RETIRED'])[1 + j % 6] END::"ModelStage",
            'u-eng', now() - (($2::int - j) || ' days')::interval, now(), 'xgboost 2.1', 's3://bench/' || i || '/' || j, md5(i || '-' || j) || md5(j || '-' || i), 1000000,
            '{"max_depth": 6}'::jsonb, $3::jsonb
     FROM generate_series(1, $1::int) i, generate_series(1, $2::int) j`,
    [MODELS, PER_MODEL, card],
  );
  await pool.query(
    `INSERT INTO "VersionMetric" (id, "versionId", name, value, threshold, direction)
     SELECT 'vm-' || v.id || '-' || k, v.id, (ARRAY['AUC','Recall','Precision'])[k], 0.75 + random() * 0.2, 0.8, 'AT_LEAST'
     FROM "ModelVersion" v, generate_series(1, 3) k`,
  );
  await pool.query(
    `INSERT INTO "DatasetUsage" (id, "versionId", "datasetId", role, transformation, steps)
     SELECT 'du-' || v.id || '-' || k, v.id, 'ds-' || (1 + (abs(hashtext(v.id)) + k) % 200), (ARRAY['TRAINING','EVALUATION'])[k]::"DatasetRole", 'Bench transform', ARRAY['step one','step two']
     FROM "ModelVersion" v, generate_series(1, 2) k`,
  );
  await pool.query(
    `INSERT INTO "FairnessGroupResult" (id, "versionId", attribute, "groupValue", count, positives, accuracy, precision, recall, "selectionRate")
     SELECT 'fg-' || v.id || '-' || g, v.id, (ARRAY['sex','age','region','ethnicity'])[1 + g % 4], 'group ' || g, 1000 + g, 200 + g,
            0.8 + random() * 0.1, 0.7 + random() * 0.2, 0.7 + random() * 0.2, 0.3 + random() * 0.1
     FROM "ModelVersion" v, generate_series(1, $1::int) g`,
    [GROUPS],
  );
  await pool.query('ANALYZE');
  const counts = (await pool.query(`SELECT (SELECT count(*) FROM "Model") m, (SELECT count(*) FROM "ModelVersion") v, (SELECT count(*) FROM "FairnessGroupResult") g`)).rows[0];
  console.log(`seeded ${counts.m} models, ${counts.v} versions, ${counts.g} group-result rows in ${ms(performance.now() - t0)}`);

  app = await startApp(db.url);
  const cookie = await signInCookie(app.baseUrl, 'aud@bench.example', PASSWORD);
  const pages: [string, string][] = [
    ['model list, page 1', '/models'],
    ['model list, page 6, search', '/models?q=model-0&page=6'],
    ['model list, stage filter', '/models?stage=PENDING_APPROVAL&page=3'],
    ['model page', `/models/model-${String(Math.ceil(MODELS / 2)).padStart(4, '0')}`],
    ['version page (production)', `/models/model-0250/versions/1.${PER_MODEL}.0`],
    ['version page (draft)', `/models/model-0417/versions/1.6.0`],
    ['gate API', `/api/v1/models/model-0123/versions/1.${PER_MODEL}.0/gate`],
  ];
  for (const [name, path] of pages) {
    const r = await timeRequests(`${app.baseUrl}${path}`, cookie, 60);
    figure('models', `${name}, p95`, r.p95, 'ms', { op: '<', value: 100 });
    console.log(`${name.padEnd(30)} p50 ${ms(r.p50).padStart(10)}  p95 ${ms(r.p95).padStart(10)}  max ${ms(r.max).padStart(10)}   ${path}`);
  }
} finally {
  await app?.stop();
  await pool.end();
  await db.close();
}
