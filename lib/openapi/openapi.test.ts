import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';
import { API_SPECS } from './registry';

const root = path.resolve(import.meta.dirname, '../../app/api/v1');

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === 'route.ts' ? [full] : [];
  });
}

function implemented(): string[] {
  return routeFiles(root).flatMap((file) => {
    const apiPath =
      '/api/v1/' +
      path
        .relative(root, path.dirname(file))
        .split(path.sep)
        .map((seg) => seg.replace(/^\[(.+)\]$/, '{$1}'))
        .join('/');
    const source = readFileSync(file, 'utf8');
    const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    return methods.map((m) => `${m} ${apiPath.replace(/\/$/, '')}`);
  });
}

describe('the OpenAPI document', () => {
  it('describes every /api/v1 route handler, and nothing that does not exist', () => {
    const documented = API_SPECS.map((s) => `${s.method} ${s.path}`).sort();
    expect(documented).toEqual(implemented().sort());
  });

  it('is OpenAPI 3.1 with a schema for every request body and JSON response', () => {
    const doc = buildOpenApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    for (const spec of API_SPECS) {
      const op = (doc.paths[spec.path] as Record<string, Record<string, unknown>>)[spec.method.toLowerCase()];
      expect(op, `${spec.method} ${spec.path}`).toBeDefined();
      if (spec.body) expect(op.requestBody).toBeDefined();
      if (spec.response) {
        const ok = (op.responses as Record<string, { content?: Record<string, { schema: unknown }> }>)[String(spec.successStatus ?? 200)];
        expect(ok.content?.['application/json']?.schema).toBeDefined();
      }
    }
  });

  it('derives request schemas from the same zod schemas that validate requests', () => {
    const doc = buildOpenApiDocument();
    const post = (doc.paths['/api/v1/tokens'] as Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> } }>).post;
    const schema = post.requestBody.content['application/json'].schema;
    expect(Object.keys(schema.properties).sort()).toEqual(['expiresInDays', 'name', 'scopes']);
    expect(schema.required).toContain('scopes');
  });
});
