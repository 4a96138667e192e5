// Seeds N incidents (default 50,000) over 20 AI systems and 3 years, then
// times the incident list page's two reads: the filtered, paginated list and
// the MTTA/MTTR-per-severity aggregate.
//   npm run bench:incidents -- [incidents]
import pg from 'pg';
import { benchDatabase, figure, ms, percentile } from './support';

const total = Number(process.argv[2] ?? 50_000);
const BATCH = 10_000;
const RUNS = 30;

const bench = await benchDatabase('incidents');
process.env.DATABASE_URL = bench.url;
const pool = new pg.Pool({ connectionString: bench.url, max: 4 });
try {
  const orgId = 'org-bench';
  await pool.query(`INSERT INTO "Organization" ("id","name","slug","updatedAt") VALUES ($1,'Bench','bench',now())`, [orgId]);
  await pool.query(`INSERT INTO "User" ("id","orgId","email","name","role","updatedAt") VALUES ('u-bench',$1,'auditor@bench.example','Bench Auditor','AUDITOR',now())`, [orgId]);
  const systems = Array.from({ length: 20 }, (_, i) => `sys-${i}`);
  for (const id of systems) {
    await pool.query(
      `INSERT INTO "AISystem" ("id","orgId","name","purpose","domain","regions","riskTier","updatedAt") VALUES ($1,$2,$1,'bench','FINANCE','{EU}','HIGH',now())`,
      [id, orgId],
    );
  }
  const types = ['WRONG_DECISIONS', 'FAIRNESS_VIOLATION', 'DATA_BREACH', 'ADVERSARIAL_ATTACK', 'DRIFT', 'PRIVACY_VIOLATION', 'THIRD_PARTY_FAILURE', 'OTHER'];
  const sevs = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2026-11-01T00:00:00Z') - start;
  const seedStart = performance.now();
  for (let from = 0; from < total; from += BATCH) {
    const ids: string[] = [], typ: string[] = [], sev: string[] = [], det: string[] = [], ack: (string | null)[] = [], res: (string | null)[] = [], near: boolean[] = [], sys: string[] = [];
    for (let i = from; i < Math.min(from + BATCH, total); i++) {
      const d = start + ((i * 7919) % 1000) / 1000 * span;
      ids.push(`inc-${i}`);
      typ.push(types[i % types.length]);
      sev.push(sevs[i % 4]);
      det.push(new Date(d).toISOString());
      ack.push(i % 5 ? new Date(d + (i % 90) * 60_000).toISOString() : null);
      res.push(i % 3 ? new Date(d + (i % 72) * 3_600_000).toISOString() : null);
      near.push(i % 11 === 0);
      sys.push(systems[i % systems.length]);
    }
    await pool.query(
      `INSERT INTO "Incident" ("id","orgId","title","description","severity","treeSeverity","status","type","detectedAt","acknowledgedAt","resolvedAt","nearMiss","updatedAt")
       SELECT id, $1, 'Bench incident ' || id, 'bench', s::"IncidentSeverity", s::"IncidentSeverity", 'RESOLVED', t::"IncidentType", d, a, r, n, now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::boolean[]) AS x(id, t, s, d, a, r, n)`,
      [orgId, ids, typ, sev, det, ack, res, near],
    );
    await pool.query(`INSERT INTO "_IncidentSystems" ("A","B") SELECT * FROM unnest($1::text[], $2::text[])`, [sys, ids]);
  }
  await pool.query('VACUUM ANALYZE');
  console.log(`seeded ${total.toLocaleString()} incidents in ${ms(performance.now() - seedStart)}`);

  const { listIncidents, incidentPatterns } = await import('@/lib/incidents/queries');
  const actor = {
    kind: 'user' as const, userId: 'u-bench', tokenId: null, orgId, role: 'AUDITOR' as const, name: 'Bench', email: null, label: 'bench',
    grants: { any: ['incidents:read' as const], own: [] }, request: { id: 'bench', ip: null },
  };
  const cases: [string, Record<string, string>][] = [
    ['all', {}],
    ['type+severity+system+quarter', { type: 'FAIRNESS_VIOLATION', severity: 'SEV2', systemId: 'sys-3', quarter: '2025-Q2' }],
  ];
  for (const [label, filter] of cases) {
    for (const [what, fn] of [['list (page 1 of 25)', () => listIncidents(actor, filter)], ['patterns (MTTA/MTTR per severity)', () => incidentPatterns(actor, filter)]] as const) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
      figure('incidents', `${what}, filter ${label}, p95`, percentile(times, 95), 'ms', { op: '<', value: 100 });
      console.log(`${what}, filter ${label}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
    }
  }
  const { db } = await import('@/lib/db');
  await db.$disconnect();
} finally {
  await pool.end();
  await bench.close();
}
