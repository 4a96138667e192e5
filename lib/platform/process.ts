import { spawn, type SpawnOptions } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in lib/platform). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An executable from node_modules/.bin, so the CLIs never depend on PATH or npx. */
export function binPath(name: string): string {
  return path.join(repoRoot, 'node_modules', '.bin', name);
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

/** True when nothing accepts connections on the port (checked on both stacks,
 *  since `next` listens on :: and 0.0.0.0). */
export async function isPortFree(port: number): Promise<boolean> {
  for (const host of ['127.0.0.1', '::']) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.unref();
      server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EAFNOSUPPORT'));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/** The first free port from `start` upwards. */
export async function findFreePortFrom(start: number, attempts = 50): Promise<number> {
  for (let port = start; port < start + attempts; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free port between ${start} and ${start + attempts - 1}`);
}

/** Runs a command to completion with inherited stdio and resolves its exit code
 *  (128 + signal number when it was killed by a signal). */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: repoRoot, ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? signalExitCode(signal)));
  });
}

export function signalExitCode(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };
  return 128 + ((signal && numbers[signal]) || 1);
}

type ShutdownHook = { order: number; fn: () => Promise<void> | void };
const shutdownHooks = new Set<ShutdownHook>();
let signalsInstalled = false;
let shuttingDown = false;

/**
 * Registers cleanup to run when the process gets SIGINT, SIGTERM or SIGHUP.
 * Hooks run one after another by ascending `order` (the app server before
 * the database it uses), then the process exits with 128 + signal.
 * Returns a function that unregisters the hook.
 */
export function onShutdown(fn: () => Promise<void> | void, order = 0): () => void {
  const hook = { order, fn };
  shutdownHooks.add(hook);
  installSignalHandlers();
  return () => shutdownHooks.delete(hook);
}

export function isShuttingDown(): boolean {
  return shuttingDown;
}

function installSignalHandlers(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // A second signal while cleaning up means "stop now".
      if (shuttingDown) process.exit(signalExitCode(signal));
      void runShutdownHooks().finally(() => process.exit(signalExitCode(signal)));
    });
  }
}

/** Runs every registered shutdown hook once (also usable on a normal exit path). */
export async function runShutdownHooks(): Promise<void> {
  shuttingDown = true;
  const hooks = [...shutdownHooks].sort((a, b) => a.order - b.order);
  shutdownHooks.clear();
  for (const hook of hooks) {
    try {
      await hook.fn();
    } catch (error) {
      console.error('shutdown step failed:', error);
    }
  }
}
