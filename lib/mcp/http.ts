import 'server-only';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { metaFromHeaders } from '@/lib/auth/request';
import { actorForToken } from '@/lib/auth/token';
import { createMcpServer } from './server';

const MAX_BODY_BYTES = 1024 * 1024;

function refuse(status: number, message: string, requestId: string, extra: Record<string, string> = {}): Response {
  // JSON-RPC shaped, as an MCP client expects an error from the endpoint.
  return Response.json(
    { jsonrpc: '2.0', error: { code: -32001, message }, id: null },
    { status, headers: { 'cache-control': 'no-store', 'x-request-id': requestId, ...extra } },
  );
}

/**
 * POST/GET/DELETE /api/mcp: Streamable HTTP, stateless (one server per
 * request, JSON answers). Only an API token as bearer: no cookies, so a page
 * elsewhere cannot drive a signed-in browser through it.
 */
export async function handleMcpRequest(req: Request): Promise<Response> {
  const meta = metaFromHeaders(req.headers);
  const auth = req.headers.get('authorization');
  const match = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  const challenge = { 'www-authenticate': 'Bearer realm="mcp"' };
  if (!match) return refuse(401, 'Send an API token: Authorization: Bearer <token>.', meta.id, challenge);
  const actor = await actorForToken(match[1], meta);
  if (!actor) return refuse(401, 'The API token is invalid, expired or revoked.', meta.id, challenge);
  if (Number(req.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) return refuse(413, 'The request is larger than 1 MB.', meta.id);

  const server = createMcpServer(actor);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    const res = await transport.handleRequest(req);
    const headers = new Headers(res.headers);
    headers.set('x-request-id', meta.id);
    headers.set('cache-control', 'no-store');
    const body = await res.arrayBuffer();
    return new Response(body.byteLength ? body : null, { status: res.status, headers });
  } finally {
    await server.close();
  }
}
