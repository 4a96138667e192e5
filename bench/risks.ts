// Seeds 10,000 risks (default) across 20 AI systems and times the risk
// register as the production build serves it (server time per request,
// signed in): the list, its filters, the heat map (grouped in SQL) and the
// register page. Needs `npm run build` first (npm run bench -- risks does it).
//   npm run bench:risks -- [risks]
import { randomBytes } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { RISK_CATEGORIES } from '@/lib/risks/categories';
import { benchDatabase, figure, ms, signInCookie, startApp, timeRequests } from './support';

const RISKS = Number(process.argv[2] ?? 10_000);
const PASSWORD = 'bench-password-2026';

const database = await benchDatabase('risks');
process.env.DATABASE_URL = database.url;
const { db } = await import('@/lib/db');
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  const seedStart = performance.now();
  const org = await db.organization.create({ data: { name: 'Bench Org', slug: `bench-${randomBytes(3).toString('hex')}` } });
  const passwordHash = await hashPassword(PASSWORD);
  const roles = ['ADMIN', 'COMPLIANCE_OFFICER', 'AUDITOR', ...Array(17).fill('ENGINEER')] as const;
  await db.user.createMany({ data: roles.map((role, i) => ({ orgId: org.id, email: `user${i}@bench.example`, name: `User ${i}`, role, passwordHash })) });
  const users = await db.user.findMany({ where: { orgId: org.id }, select: { id: true }, orderBy: { email: 'asc' } });
  await db.aISystem.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ orgId: org.id, name: `System ${i}`, purpose: 'bench', domain: 'FINANCE' as const, regions: ['EU'], riskTier: 'HIGH' as const })) });
  const systems = await db.aISystem.findMany({ where: { orgId: org.id }, select: { id: true } });
  const now = Date.now();
  const statuses = ['OPEN', 'OPEN', 'OPEN', 'ACCEPTED', 'CLOSED'] as const;
  for (let start = 0; start < RISKS; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, RISKS - start) }, (_, k) => {
      const i = start + k;
      const il = 1 + (i % 5);
      const ii = 1 + ((i * 7) % 5);
      const scored = i % 3 !== 0;
      const rl = scored ? Math.max(1, il - 1) : null;
      const ri = scored ? ii : null;
      const status = statuses[i % 5];
      return {
        id: `br${String(i).padStart(7, '0')}`,
        orgId: org.id,
        ref: `RSK-${String(i + 1).padStart(5, '0')}`,
        title: `Risk ${i}: failure mode in area ${i % 41}`,
        description: 'Bench risk',
        category: RISK_CATEGORIES[i % RISK_CATEGORIES.length].key,
        treatment: scored ? ('TRANSFER' as const) : ('UNDECIDED' as const),
        status,
        inherentLikelihood: il,
        inherentImpact: ii,
        inherentScore: il * ii,
        residualLikelihood: rl,
        residualImpact: ri,
        residualScore: rl && ri ? rl * ri : null,
        ownerId: users[3 + (i % 17)].id,
        nextReviewAt: new Date(now + ((i % 200) - 30) * 86_400_000),
        acceptanceExpiresAt: status === 'ACCEPTED' ? new Date(now + ((i % 100) - 5) * 86_400_000) : null,
        createdAt: new Date(now - (i % 700) * 86_400_000),
      };
    });
    await db.risk.createMany({ data: batch });
    await db.riskSystem.createMany({ data: batch.map((r, k) => ({ riskId: r.id, systemId: systems[(start + k) % systems.length].id })) });
  }
  await db.$executeRawUnsafe('ANALYZE');
  console.log(`seeded ${RISKS.toLocaleString()} risks in ${ms(performance.now() - seedStart)}`);
  await db.$disconnect();

  app = await startApp(database.url);
  const compliance = await signInCookie(app.baseUrl, 'user1@bench.example', PASSWORD);
  const auditor = await signInCookie(app.baseUrl, 'user2@bench.example', PASSWORD);
  const cases: [string, string, string][] = [
    ['API risks, page 1 by residual score', '/api/v1/risks', compliance],
    ['API risks, status+category filter', `/api/v1/risks?status=OPEN&category=${RISK_CATEGORIES[2].key}`, compliance],
    ['API risks, one system, review overdue', `/api/v1/risks?systemId=${systems[3].id}&reviewOverdue=true`, compliance],
    ['API risks, title search, page 20', '/api/v1/risks?q=area%2012&page=2', auditor],
    ['API risks, by next review, page 100', '/api/v1/risks?sort=nextReview&page=100', auditor],
    ['API heat map, whole register', '/api/v1/risks/heat-map', compliance],
    ['API heat map, one system', `/api/v1/risks/heat-map?systemId=${systems[5].id}`, compliance],
    ['Page /risks (list + heat map)', '/risks', compliance],
  ];
  for (const [label, path, cookie] of cases) {
    const t = await timeRequests(`${app.baseUrl}${path}`, cookie, 40);
    figure('risks', `${label}, p95`, t.p95, 'ms', { op: '<', value: 300 });
    console.log(`${label.padEnd(48)} p50 ${ms(t.p50).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  max ${ms(t.max).padStart(9)}`);
  }
} finally {
  await app?.stop();
  await database.close();
}
