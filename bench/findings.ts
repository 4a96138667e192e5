// Seeds 20,000 findings and 50,000 evidence records (default sizes) and times
// the findings list as the production build serves it (server time per
// request, signed in). Needs `npm run build` first.
//   npm run bench:findings -- [findings] [evidence]
import { randomBytes } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { benchDatabase, figure, ms, signInCookie, startApp, timeRequests } from './support';

const FINDINGS = Number(process.argv[2] ?? 20_000);
const EVIDENCE = Number(process.argv[3] ?? 50_000);
const PASSWORD = 'bench-password-2026';

const database = await benchDatabase('findings');
process.env.DATABASE_URL = database.url;
const { db } = await import('@/lib/db');
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  const seedStart = performance.now();
  const org = await db.organization.create({ data: { name: 'Bench Org', slug: `bench-${randomBytes(3).toString('hex')}` } });
  const passwordHash = await hashPassword(PASSWORD);
  const roles = ['ADMIN', 'COMPLIANCE_OFFICER', 'AUDITOR', ...Array(17).fill('ENGINEER')] as const;
  await db.user.createMany({ data: roles.map((role, i) => ({ orgId: org.id, email: `user${i}@bench.example`, name: `User ${i}`, role, passwordHash })) });
  const users = await db.user.findMany({ where: { orgId: org.id }, select: { id: true, role: true }, orderBy: { email: 'asc' } });
  const auditor = users.find((u) => u.role === 'AUDITOR')!;
  const fw = await db.framework.create({ data: { orgId: org.id, key: 'soc2', name: 'SOC 2', kind: 'STANDARD', jurisdiction: 'US', version: '2017' } });
  await db.requirement.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ orgId: org.id, frameworkId: fw.id, ref: `R${i}`, title: `Requirement ${i}`, summary: 's', area: 'GOVERNANCE' as const })) });
  const requirements = await db.requirement.findMany({ where: { orgId: org.id }, select: { id: true } });
  const audits: { id: string }[] = [];
  for (let i = 0; i < 10; i++) {
    audits.push(
      await db.audit.create({
        data: { orgId: org.id, title: `Audit ${i}`, kind: 'EXTERNAL', standard: 'SOC2_TYPE2', periodStart: new Date('2025-01-01'), periodEnd: new Date('2025-12-31'), scopeFrameworkIds: [fw.id], assignments: i < 3 ? { create: [{ userId: auditor.id }] } : undefined },
      }),
    );
  }
  const severities = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
  const statuses = ['OPEN', 'IN_REMEDIATION', 'READY_FOR_VERIFICATION', 'CLOSED', 'RISK_ACCEPTED'] as const;
  const now = Date.now();
  const findingIds: string[] = [];
  for (let start = 0; start < FINDINGS; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, FINDINGS - start) }, (_, k) => {
      const i = start + k;
      const id = `bf${String(i).padStart(7, '0')}`;
      findingIds.push(id);
      const status = statuses[i % 5];
      return {
        id,
        orgId: org.id,
        title: `Finding ${i}: control gap in area ${i % 37}`,
        description: 'Bench finding',
        severity: severities[i % 4],
        status,
        source: 'AUDIT' as const,
        auditId: audits[i % 10].id,
        ownerId: users[3 + (i % 17)].id,
        dueDate: new Date(now + ((i % 400) - 100) * 86_400_000),
        createdAt: new Date(now - (i % 700) * 86_400_000),
        closedAt: status === 'CLOSED' ? new Date(now - (i % 30) * 86_400_000) : null,
        riskExpiresAt: status === 'RISK_ACCEPTED' ? new Date(now + 365 * 86_400_000) : null,
      };
    });
    await db.finding.createMany({ data: batch });
    await db.findingRequirement.createMany({ data: batch.map((f, k) => ({ findingId: f.id, requirementId: requirements[(start + k) % requirements.length].id })) });
  }
  for (let start = 0; start < EVIDENCE; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, EVIDENCE - start) }, (_, k) => {
      const i = start + k;
      return {
        id: `be${String(i).padStart(7, '0')}`,
        orgId: org.id,
        title: `Evidence ${i}`,
        kind: 'FILE' as const,
        fileName: `evidence-${i}.pdf`,
        contentType: 'application/pdf',
        size: 1000 + i,
        sha256: randomBytes(32).toString('hex'),
        storageKey: `bench/be${i}`,
        ownerId: users[3 + (i % 17)].id,
        collectedAt: new Date(now - (i % 500) * 86_400_000),
        validUntil: new Date(now + ((i % 400) - 50) * 86_400_000),
      };
    });
    await db.evidence.createMany({ data: batch });
    await db.evidenceFinding.createMany({ data: batch.map((e, k) => ({ evidenceId: e.id, findingId: findingIds[(start + k) % findingIds.length] })) });
    await db.evidenceRequirement.createMany({ data: batch.map((e, k) => ({ evidenceId: e.id, requirementId: requirements[(start + k) % requirements.length].id })) });
  }
  await db.$executeRawUnsafe('ANALYZE');
  console.log(`seeded ${FINDINGS.toLocaleString()} findings and ${EVIDENCE.toLocaleString()} evidence records in ${ms(performance.now() - seedStart)}`);
  await db.$disconnect();

  app = await startApp(database.url);
  const compliance = await signInCookie(app.baseUrl, 'user1@bench.example', PASSWORD);
  const auditorCookie = await signInCookie(app.baseUrl, 'user2@bench.example', PASSWORD);
  const owner = users[3].id;
  const cases: [string, string, string][] = [
    ['API findings, page 1, no filter (compliance)', '/api/v1/findings', compliance],
    ['API findings, status+severity filter', '/api/v1/findings?status=OPEN&severity=HIGH', compliance],
    ['API findings, overdue for one owner', `/api/v1/findings?overdue=true&ownerId=${owner}`, compliance],
    ['API findings, by framework, page 50', `/api/v1/findings?frameworkId=${fw.id}&page=50`, compliance],
    ['API findings, title search', '/api/v1/findings?q=area%2012', compliance],
    ['API findings as a scoped auditor', '/api/v1/findings', auditorCookie],
    ['Page /audits/findings (compliance)', '/audits/findings', compliance],
    ['API evidence, stale', '/api/v1/evidence?stale=true', compliance],
    ['API evidence as a scoped auditor', '/api/v1/evidence', auditorCookie],
  ];
  for (const [label, path, cookie] of cases) {
    const t = await timeRequests(`${app.baseUrl}${path}`, cookie, 40);
    figure('findings', `${label}, p95`, t.p95, 'ms', { op: '<', value: 100 });
    console.log(`${label.padEnd(48)} p50 ${ms(t.p50).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  max ${ms(t.max).padStart(9)}`);
  }
} finally {
  await app?.stop();
  await database.close();
}
