import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import { ensureProductionBuild } from './build-cache';
import { generateSecrets, waitForHttp } from './launcher';
import { binPath, findFreePort, repoRoot } from './process';

// Two production servers (`next start`, one shared build) on one database,
// as behind a load balancer: nothing may live in one process's memory.

const tdb = await setupTestDatabase('instances');
const { db } = await import('@/lib/db');
const { hashPassword } = await import('@/lib/auth/password');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const tokens = await import('@/lib/tokens/mutations');
const { verifyChain } = await import('@/lib/audit/verify');

const PASSWORD = 'two-servers-one-database-41';
const servers: { url: string; child: ChildProcess; output: string[] }[] = [];
let adminEmail = '';
let tokenSecret = '';

async function startServer(env: NodeJS.ProcessEnv) {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(binPath('next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...env, NEXTAUTH_URL: url, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  servers.push({ url, child, output });
  return { url, child, output };
}

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...generateSecrets(), DATABASE_URL: tdb.url, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  delete env.TRUST_PROXY_HOPS;
  await ensureProductionBuild(env);
  const { actors } = await createOrgWithRoles('Two Instances');
  await db.user.update({ where: { id: actors.ADMIN.userId! }, data: { passwordHash: await hashPassword(PASSWORD) } });
  adminEmail = actors.ADMIN.email!;
  tokenSecret = (await tokens.createToken(actors.ADMIN, { name: 'writers', scopes: ['users:manage', 'users:read'], expiresInDays: 1 })).secret;
  const started = await Promise.all([startServer(env), startServer(env)]);
  for (const s of started) {
    const ready = await waitForHttp(`${s.url}/api/health`, 120_000, () => s.child.exitCode === null);
    if (!ready) throw new Error(`next start did not come up at ${s.url}:\n${s.output.join('')}`);
  }
}, 30 * 60_000);

afterAll(async () => {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.child.exitCode !== null) return resolve();
          s.child.once('exit', () => resolve());
          s.child.kill('SIGTERM');
          setTimeout(() => s.child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
});

/** A cookie jar for plain fetch: what a browser would send back. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(name: string) {
    return this.cookies.has(name);
  }
}

async function csrf(base: string, jar: Jar): Promise<string> {
  const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.take(res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** next-auth's own credentials sign-in; resolves the error message, or null when signed in. */
async function signIn(base: string, jar: Jar, email: string, password: string): Promise<string | null> {
  const csrfToken = await csrf(base, jar);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  jar.take(res);
  const location = res.headers.get('location') ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? '';
  const error = new URL(location, base).searchParams.get('error');
  return error;
}

async function me(base: string, jar: Jar) {
  const res = await fetch(`${base}/api/v1/me`, { headers: { cookie: jar.header() } });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as { email: string }) : null };
}

describe('two production servers on one database', () => {
  it('a session made on one works on the other, and signing out on one ends it on both', async () => {
    const [a, b] = servers;
    const jar = new Jar();
    expect(await signIn(a.url, jar, adminEmail, PASSWORD)).toBeNull();
    expect(jar.has('next-auth.session-token')).toBe(true);
    expect(await me(a.url, jar)).toMatchObject({ status: 200, body: { email: adminEmail } });
    expect(await me(b.url, jar)).toMatchObject({ status: 200, body: { email: adminEmail } });

    const stale = jar.header();
    const csrfToken = await csrf(a.url, jar);
    const out = await fetch(`${a.url}/api/auth/signout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, json: 'true' }),
    });
    expect(out.status).toBeLessThan(400);
    // The old cookie, replayed on the other server, is dead too.
    const replay = await fetch(`${b.url}/api/v1/me`, { headers: { cookie: stale } });
    expect(replay.status).toBe(401);
  });

  it('counts failed sign-ins across both servers', async () => {
    const [a, b] = servers;
    const email = adminEmail;
    await db.loginThrottle.deleteMany({});
    // Alternate: neither server alone has seen enough failures to ask for a wait.
    expect(await signIn(a.url, new Jar(), email, 'wrong-password-one')).toMatch(/incorrect/);
    expect(await signIn(b.url, new Jar(), email, 'wrong-password-two')).toMatch(/incorrect/);
    const third = await signIn(a.url, new Jar(), email, 'wrong-password-three');
    expect(third).toMatch(/Wait \d+ second/);
    // The fourth, on the other server, is refused without being checked.
    expect(await signIn(b.url, new Jar(), email, PASSWORD)).toMatch(/Wait \d+ second|blocked/);
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `acct:${email}` } });
    expect(row.failures).toBe(3);
    await db.loginThrottle.deleteMany({});
  });

  it('8 writers spread over both leave every write in an intact audit chain without gaps', async () => {
    const client = new pg.Client({ connectionString: tdb.url });
    await client.connect();
    try {
      const before = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM "AuditEvent"')).rows[0].n);
      const perWriter = 6;
      const results = await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const base = servers[w % 2].url;
          const statuses: number[] = [];
          for (let i = 0; i < perWriter; i++) {
            const res = await fetch(`${base}/api/v1/users`, {
              method: 'POST',
              headers: { authorization: `Bearer ${tokenSecret}`, 'content-type': 'application/json' },
              body: JSON.stringify({ email: `writer-${w}-${i}@instances.example`, name: `Writer ${w}`, role: 'ENGINEER', mode: 'invite' }),
            });
            statuses.push(res.status);
          }
          return statuses;
        }),
      );
      expect(results.flat()).toEqual(Array(8 * perWriter).fill(201));
      const users = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "User" WHERE email LIKE '%@instances.example'`);
      expect(Number(users.rows[0].n)).toBe(8 * perWriter);
      // The servers chain each event within milliseconds of its commit, without the
      // request waiting; from outside, everything is chained well within a second.
      const drained = Date.now() + 1000;
      while (Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM "AuditEventPending"')).rows[0].n) > 0 && Date.now() < drained) await new Promise((r) => setTimeout(r, 10));
      expect(Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM "AuditEventPending"')).rows[0].n)).toBe(0);
      const invited = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'user.invited' AND seq > $1`, [before]);
      expect(Number(invited.rows[0].n)).toBe(8 * perWriter);
      const gaps = await client.query<{ n: string; min: string; max: string; count: string }>(
        'SELECT min(seq) AS min, max(seq) AS max, count(*) AS count FROM "AuditEvent"',
      );
      const { min, max, count } = gaps.rows[0];
      expect(Number(max) - Number(min) + 1).toBe(Number(count));
      expect(await verifyChain(client)).toMatchObject({ intact: true, firstBrokenSeq: null });
    } finally {
      await client.end();
    }
  }, 120_000);
});
