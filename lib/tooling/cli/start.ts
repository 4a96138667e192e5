import { existsSync } from 'node:fs';
import path from 'node:path';
import { openAppDatabase, runNextServer } from '@/lib/platform/launcher';
import { applyMigrations } from '@/lib/platform/migrate';
import { repoRoot, runShutdownHooks } from '@/lib/platform/process';

// npm start: production. Uses DATABASE_URL (or the embedded PostgreSQL in
// .data/pg when it is absent), applies pending migrations and runs
// `next start`. Secrets come from the environment only; the app refuses to
// start without them.

async function fail(message: string): Promise<never> {
  console.error(`start: ${message}`);
  await runShutdownHooks();
  process.exit(1);
}

if (!existsSync(path.join(repoRoot, '.next', 'BUILD_ID'))) await fail('no production build found: run `npm run build` first.');

const database = await openAppDatabase().catch((error: Error) => fail(error.message));
if (database.embedded) {
  console.log(`PostgreSQL (embedded) on 127.0.0.1:${database.embedded.port}, data in ${path.relative(repoRoot, database.embedded.dataDir)}`);
}
const applied = await applyMigrations(database.url).catch((error: Error) => fail(`migrations failed: ${error.message}`));
for (const name of applied) console.log(`applied migration ${name}`);

const port = process.env.PORT ?? '3000';
await runNextServer({
  args: ['start', '--port', port],
  env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: '1', PORT: port },
});
