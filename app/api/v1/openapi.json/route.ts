import { buildOpenApiDocument } from '@/lib/openapi/openapi';

export const dynamic = 'force-static';

export function GET() {
  return Response.json(buildOpenApiDocument());
}
