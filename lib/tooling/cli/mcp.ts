import { randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { startBackgroundSealer, stopBackgroundSealer } from '@/lib/audit/seal';
import { actorForToken } from '@/lib/auth/token';
import { env } from '@/lib/env';
import { createMcpServer } from '@/lib/mcp/server';
import { onShutdown, runShutdownHooks } from '@/lib/platform/process';

// npm run mcp: the portal's MCP server over stdio, for a desktop assistant
// that starts it as a child process (docs/mcp.md). It acts as the API token in
// PORTAL_API_TOKEN, against the same DATABASE_URL as the portal. Stdout
// carries the protocol only: every message of ours goes to stderr.

function fail(message: string): never {
  console.error(`mcp: ${message}`);
  process.exit(2);
}

if (!process.env.DATABASE_URL) fail('DATABASE_URL is not set (use the same PostgreSQL as the portal).');
let config;
try {
  config = env();
} catch (error) {
  fail((error as Error).message);
}
if (!config.PORTAL_API_TOKEN) fail('PORTAL_API_TOKEN is not set: create an API token in Admin → API tokens and pass it in the environment.');
const actor = await actorForToken(config.PORTAL_API_TOKEN, { id: `mcp-stdio-${randomUUID()}`, ip: null });
if (!actor) fail('PORTAL_API_TOKEN is invalid, expired or revoked.');

startBackgroundSealer();
const server = createMcpServer(actor);
onShutdown(async () => {
  await server.close();
  stopBackgroundSealer();
});
await server.connect(new StdioServerTransport());
// The assistant closing our stdin is its way of stopping us.
process.stdin.on('end', () => void runShutdownHooks().then(() => process.exit(0)));
console.error(`mcp: serving as ${actor.label} with ${actor.grants.any.length} scope(s) over stdio`);
