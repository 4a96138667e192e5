// Seeds 20,000 findings, 50,000 evidence items on them and 200,000 audit
// events (default sizes), an auditor assigned to 3 of 10 audits, and times the
// scoped reads against the unrestricted ones, in-process: the audit-trail page
// (newest 50), the live quarterly review and the auditor's dashboard.
//   npm run bench:auditor-scope -- [findings] [evidence] [events]
import { randomBytes } from 'node:crypto';
import { canonicalJson } from '@/lib/audit/canonical';
import { chainHash, GENESIS_HASH } from '@/lib/audit/chain';
import { benchDatabase, figure, ms, percentile } from './support';

const FINDINGS = Number(process.argv[2] ?? 20_000);
const EVIDENCE = Number(process.argv[3] ?? 50_000);
const EVENTS = Number(process.argv[4] ?? 200_000);
const RUNS = 20;

const database = await benchDatabase('auditor_scope');
process.env.DATABASE_URL = database.url;
const { db } = await import('@/lib/db');
const { rawPool } = await import('@/lib/db-raw');
const { userActor } = await import('@/lib/auth/session');
const { listAuditEvents } = await import('@/lib/audit/queries');
const { auditEventWhere } = await import('@/lib/audit/visibility');
const { getReview } = await import('@/lib/reviews/queries');
const { auditorDashboard } = await import('@/lib/dashboards/queries');
const { quarterOf } = await import('@/lib/quarter');
try {
  const seedStart = performance.now();
  const org = await db.organization.create({ data: { name: 'Bench Org', slug: `bench-${randomBytes(3).toString('hex')}` } });
  const roles = ['ADMIN', 'COMPLIANCE_OFFICER', 'AUDITOR', 'ENGINEER'] as const;
  await db.user.createMany({ data: roles.map((role, i) => ({ orgId: org.id, email: `user${i}@bench.example`, name: `User ${i}`, role })) });
  const users = await db.user.findMany({ where: { orgId: org.id }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true }, orderBy: { email: 'asc' } });
  const person = (role: string) => users.find((u) => u.role === role)!;
  const audits: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = await db.audit.create({
      data: { orgId: org.id, title: `Audit ${i}`, kind: 'EXTERNAL', standard: 'SOC2_TYPE2', periodStart: new Date('2025-01-01'), periodEnd: new Date('2026-12-31'), assignments: i < 3 ? { create: [{ userId: person('AUDITOR').id }] } : undefined },
      select: { id: true },
    });
    audits.push(a.id);
  }
  const now = Date.now();
  const findingIds = Array.from({ length: FINDINGS }, (_, i) => `bf${String(i).padStart(7, '0')}`);
  for (let start = 0; start < FINDINGS; start += 5000) {
    await db.finding.createMany({
      data: findingIds.slice(start, start + 5000).map((id, k) => {
        const i = start + k;
        return { id, orgId: org.id, title: `Finding ${i}`, description: 'Bench finding', severity: (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const)[i % 4], status: (['OPEN', 'READY_FOR_VERIFICATION', 'CLOSED'] as const)[i % 3], source: 'AUDIT' as const, auditId: audits[i % 10], ownerId: person('ENGINEER').id, dueDate: new Date(now + ((i % 200) - 100) * 86_400_000), createdAt: new Date(now - (i % 120) * 86_400_000) };
      }),
    });
  }
  const evidenceIds = Array.from({ length: EVIDENCE }, (_, i) => `be${String(i).padStart(7, '0')}`);
  for (let start = 0; start < EVIDENCE; start += 5000) {
    const batch = evidenceIds.slice(start, start + 5000);
    await db.evidence.createMany({ data: batch.map((id, k) => ({ id, orgId: org.id, title: `Evidence ${start + k}`, kind: 'LINK' as const, url: 'https://example.com/e', validUntil: new Date(now + ((start + k) % 60) * 86_400_000) })) });
    await db.evidenceFinding.createMany({ data: batch.map((evidenceId, k) => ({ evidenceId, findingId: findingIds[(start + k) % FINDINGS] })) });
  }
  // A real hash chain, a quarter of it about findings, a quarter about evidence.
  const pool = rawPool();
  let prev = GENESIS_HASH;
  const kinds = [
    ['finding.updated', 'finding', (i: number) => findingIds[i % FINDINGS]],
    ['evidence.downloaded', 'evidence', (i: number) => evidenceIds[i % EVIDENCE]],
    ['matrix_cell.assessed', 'matrix_cell', (i: number) => `cell-${i % 5000}`],
    ['model.version_created', 'model_version', (i: number) => `mv-${i % 2000}`],
  ] as const;
  for (let start = 1; start <= EVENTS; start += 10_000) {
    const cols: unknown[][] = Array.from({ length: 14 }, () => []);
    for (let seq = start; seq < Math.min(start + 10_000, EVENTS + 1); seq++) {
      const [action, entityType, id] = kinds[seq % 4];
      const e = { seq: BigInt(seq), at: new Date(now - (EVENTS - seq) * 30_000), orgId: org.id, actorId: users[0].id, actorLabel: 'user0@bench.example', action, entityType, entityId: id(seq), changes: canonicalJson({ note: `change ${seq}` }), reason: null, requestId: `req-${seq}`, ip: null };
      const hash = chainHash(prev, e);
      [String(seq), e.at.toISOString(), e.orgId, e.actorId, e.actorLabel, e.action, e.entityType, e.entityId, e.changes, e.reason, e.requestId, e.ip, prev, hash].forEach((v, i) => cols[i].push(v));
      prev = hash;
    }
    await pool.query(
      `INSERT INTO "AuditEvent" ("seq","at","orgId","actorId","actorLabel","action","entityType","entityId","changes","reason","requestId","ip","prevHash","hash")
       SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])`,
      cols,
    );
  }
  console.log(`seeded ${FINDINGS} findings, ${EVIDENCE} evidence, ${EVENTS} events in ${ms(performance.now() - seedStart)}`);

  const meta = { id: 'bench', ip: null };
  const admin = userActor(person('ADMIN'), meta);
  const auditor = userActor(person('AUDITOR'), meta);
  const quarter = quarterOf(new Date());
  async function time(label: string, fn: () => Promise<unknown>) {
    await fn();
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      runs.push(performance.now() - t);
    }
    figure('auditor-scope', `${label} p50`, percentile(runs, 50), 'ms');
    figure('auditor-scope', `${label} p95`, percentile(runs, 95), 'ms');
  }
  await time('audit trail, newest 50, unrestricted', () => listAuditEvents(admin, { limit: 50 }));
  await time('visibility clause alone, auditor', () => auditEventWhere(auditor));
  await time('audit trail, newest 50, auditor of 3 of 10 audits', () => listAuditEvents(auditor, { limit: 50 }));
  await time('audit trail, finding events only, auditor', () => listAuditEvents(auditor, { limit: 50, entityType: 'finding' }));
  await time('live quarterly review, unrestricted', () => getReview(admin, quarter));
  await time('live quarterly review, auditor', () => getReview(auditor, quarter));
  await time('auditor dashboard, auditor', () => auditorDashboard(auditor));
} finally {
  await db.$disconnect();
  await database.close();
}
