import { z } from 'zod';
import { API_SPECS } from './registry';
import type { ApiSpec } from '@/lib/api/spec';

function schemaOf(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
}

function parameters(spec: ApiSpec) {
  const out: unknown[] = [];
  for (const [where, obj] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!obj) continue;
    const json = schemaOf(obj, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema });
    }
  }
  return out;
}

// A file answer: text, binary, or a JSON document whose format a standard defines.
function mediaSchema(type: string) {
  if (type === 'application/json') return { type: 'object' };
  return { type: 'string', format: type.startsWith('text/') ? undefined : 'binary' };
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fieldErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        requestId: { type: 'string' },
      },
      required: ['code', 'message'],
    },
  },
};

export function buildOpenApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of API_SPECS) {
    const permissions = spec.permission ? [spec.permission].flat() : [];
    const op: Record<string, unknown> = {
      operationId: `${spec.method.toLowerCase()}${spec.path.replace(/^\/api\/v1/, '').replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: spec.summary,
      description: [spec.description, permissions.length ? `Requires permission: ${permissions.join(', ')}.` : undefined]
        .filter(Boolean)
        .join('\n\n') || undefined,
      tags: [spec.tag],
      'x-permission': permissions.length ? permissions : undefined,
      security: spec.public ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
      parameters: parameters(spec),
      responses: {
        [String(spec.successStatus ?? 200)]: {
          description: 'Success',
          content: spec.responseType
            ? Object.fromEntries([spec.responseType].flat().map((type) => [type, { schema: mediaSchema(type) }]))
            : spec.response
              ? { 'application/json': { schema: schemaOf(spec.response, 'output') } }
              : undefined,
        },
        ...(spec.public
          ? {}
          : {
              '401': { description: 'Not signed in, or the token is invalid', content: { 'application/json': { schema: errorSchema } } },
              '403': { description: 'The role or token scope does not allow this', content: { 'application/json': { schema: errorSchema } } },
            }),
        '422': { description: 'Invalid input; fieldErrors names each problem', content: { 'application/json': { schema: errorSchema } } },
      },
    };
    if (spec.body) {
      op.requestBody = {
        required: true,
        content:
          spec.bodyType === 'multipart'
            ? { 'multipart/form-data': { schema: schemaOf(spec.body, 'input') } }
            : { 'application/json': { schema: schemaOf(spec.body, 'input') } },
      };
    }
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = JSON.parse(JSON.stringify(op));
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'AI Governance Portal API',
      version: '1.0.0',
      description:
        'Versioned REST API. Authenticate with an API token (`Authorization: Bearer agp_...`, created by an administrator, scoped by permission) or a browser session.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : undefined,
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'API token created under Admin → API tokens' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' },
      },
    },
    paths,
  };
}
