// Seeds N audit events (default 1,000,000) as a real hash chain and times
// the verification that GET /api/v1/audit-events/verify runs.
//   npm run bench:audit -- [events]
import pg from 'pg';
import { canonicalJson } from '@/lib/audit/canonical';
import { chainHash, GENESIS_HASH } from '@/lib/audit/chain';
import { verifyChain } from '@/lib/audit/verify';
import { benchDatabase, figure, ms } from './support';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const total = Number(process.argv[2] ?? 1_000_000);
const BATCH = 10_000;

const db = await benchDatabase('audit');
const pool = new pg.Pool({ connectionString: db.url, max: 8 });
try {
  const seedStart = performance.now();
  let prev = GENESIS_HASH;
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  for (let start = 1; start <= total; start += BATCH) {
    const cols: unknown[][] = Array.from({ length: 12 }, () => []);
    for (let seq = start; seq < Math.min(start + BATCH, total + 1); seq++) {
      const e = {
        seq: BigInt(seq),
        at: new Date(base + seq * 1000),
        orgId: 'org-bench',
        actorId: `user-${seq % 50}`,
        actorLabel: `user${seq % 50}@acme.example`,
        action: ['requirement.updated', 'matrix_cell.assessed', 'model.version_created', 'finding.updated'][seq % 4],
        entityType: ['requirement', 'matrix_cell', 'model_version', 'finding'][seq % 4],
        entityId: `e-${seq % 5000}`,
        changes: canonicalJson({ status: { from: 'NOT_ASSESSED', to: 'COMPLIANT' }, note: `change ${seq}` }),
        reason: seq % 10 === 0 ? 'quarterly review' : null,
        requestId: `req-${seq}`,
        ip: '10.0.0.1',
      };
      const hash = chainHash(prev, e);
      const row = [String(seq), e.at.toISOString(), e.orgId, e.actorId, e.actorLabel, e.action, e.entityType, e.entityId, e.changes, e.reason, e.requestId, e.ip];
      row.forEach((v, i) => cols[i].push(v));
      cols[12] ??= [];
      cols[13] ??= [];
      cols[12].push(prev);
      cols[13].push(hash);
      prev = hash;
    }
    await pool.query(
      `INSERT INTO "AuditEvent" ("seq","at","orgId","actorId","actorLabel","action","entityType","entityId","changes","reason","requestId","ip","prevHash","hash")
       SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])`,
      cols,
    );
  }
  await pool.query('VACUUM ANALYZE "AuditEvent"');
  console.log(`seeded ${total.toLocaleString()} chained events in ${ms(performance.now() - seedStart)}`);

  // Side by side, alternating: the verification as shipped (one range per
  // core) and the same checks as one range (one query hashing every row),
  // so the ratio holds even when the machine's load changes during the run.
  const runs: number[] = [];
  const single: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (const [ranges, into] of [[undefined, runs], [1, single]] as const) {
      const t = performance.now();
      const result = await verifyChain(pool, { ranges });
      into.push(performance.now() - t);
      if (!result.intact || result.checked !== total) throw new Error(`unexpected result ${JSON.stringify(result)}`);
    }
  }
  console.log(`verify ${total.toLocaleString()} events: ${runs.map(ms).join(', ')} (best ${ms(Math.min(...runs))}); as one range: ${single.map(ms).join(', ')}`);
  figure('audit-verify', `verify ${total.toLocaleString()} chained events (best run)`, Math.min(...runs), 'ms', { op: '<=', value: (2000 * total) / 1_000_000 });
  figure('audit-verify', 'verification time against one range, same run (median ratio)', median(runs.map((r, i) => r / single[i])), 'ratio');
} finally {
  await pool.end();
  await db.close();
}
