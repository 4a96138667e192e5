import { handleMcpRequest } from '@/lib/mcp/http';

// The MCP endpoint (docs/mcp.md). Outside /api/v1: it speaks JSON-RPC, not REST.
export const dynamic = 'force-dynamic';

export const POST = handleMcpRequest;
export const GET = handleMcpRequest;
export const DELETE = handleMcpRequest;
