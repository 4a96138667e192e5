import { generateKeyPairSync } from 'node:crypto';
import { startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { prepareTemplateDatabase, removeStaleTestClusters, testClusterDir } from './test-db';

// `npm test` starts one database for the whole run and sets
// TEST_DATABASE_ADMIN_URL. When vitest is run directly, this starts a
// throw-away one with a migrated template, and stops it afterwards.
export default async function setup(): Promise<(() => Promise<void>) | void> {
  // Code that signs (attestations, evidence packs, the demo seed) needs a key; tests get a fresh one.
  process.env.SIGNING_PRIVATE_KEY ??= generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  if (process.env.TEST_DATABASE_ADMIN_URL) return;
  await removeStaleTestClusters();
  const server = await startEmbeddedPostgres({ dataDir: testClusterDir(), persistent: false });
  try {
    await prepareTemplateDatabase(server.adminUrl);
  } catch (error) {
    await server.stop();
    throw error;
  }
  process.env.TEST_DATABASE_ADMIN_URL = server.adminUrl;
  return async () => {
    delete process.env.TEST_DATABASE_ADMIN_URL;
    await server.stop();
  };
}
