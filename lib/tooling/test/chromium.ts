import { constants, existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { run } from '../../platform/process';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, else Debian's or Ubuntu's chromium; undefined when none is there. */
export async function findChromium(): Promise<string | undefined> {
  const candidates = [process.env.CHROMIUM_PATH, ...SYSTEM_PATHS].filter((p): p is string => Boolean(p));
  for (const file of candidates) {
    if (await isExecutable(file)) return file;
  }
  return undefined;
}

export const CHROMIUM_INSTALL_HINT =
  'Chromium is needed for the end-to-end tests. Install it with `sudo apt-get install chromium` ' +
  '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/**
 * Finds Chromium, installing Debian's package when running as root on a
 * machine with apt-get (Playwright's own browser download is not reachable
 * here). Throws with what to install otherwise.
 */
export async function ensureChromium(): Promise<string> {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted && !(await isExecutable(wanted))) console.warn(`CHROMIUM_PATH=${wanted} is not an executable file; looking elsewhere.`);
  const found = await findChromium();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) throw new Error(CHROMIUM_INSTALL_HINT);

  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log('Chromium not found: installing Debian\'s chromium package (apt-get update && apt-get install -y chromium) ...');
  if ((await run('apt-get', ['update'], { env })) !== 0) throw new Error(`apt-get update failed. ${CHROMIUM_INSTALL_HINT}`);
  if ((await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env })) !== 0) {
    throw new Error(`apt-get install chromium failed. ${CHROMIUM_INSTALL_HINT}`);
  }
  const installed = await findChromium();
  if (!installed) throw new Error(`apt-get installed chromium but no executable was found. ${CHROMIUM_INSTALL_HINT}`);
  console.log(`Chromium installed: ${installed}`);
  return installed;
}
