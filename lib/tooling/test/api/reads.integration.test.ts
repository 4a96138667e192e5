import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startApiHarness, type CallResult, type Caller } from './harness';
import { BAD_PARAM_VALUES, recordParams } from './record-ids';

// Every GET operation in the OpenAPI document, with real ids of every record
// it serves, called by every role, an API token and nobody: never a 5xx.

const h = await startApiHarness('api_reads');
const anonymous: Caller = { label: 'anonymous', role: 'ANONYMOUS', headers: {} };
const callers = [...h.callers, anonymous];
const gets = h.specs.filter((s) => s.method === 'GET');
let params: Awaited<ReturnType<typeof recordParams>>;

// Each 2xx JSON answer of the walk, checked against the document's schema by
// a real JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1).
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
const schemaFailures: string[] = [];
let validated = 0;
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> };
function checkAgainstDocument(path: string, status: number, r: CallResult, who: string) {
  if (status < 200 || status >= 300 || !r.contentType.includes('json')) return;
  const key = `${path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = (h.document as unknown as Doc).paths[path].get.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) {
      schemaFailures.push(`GET ${path} answered ${status} JSON, which the document does not describe`);
      return;
    }
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  validated++;
  if (!validate(r.body)) schemaFailures.push(`${who} GET ${path}: ${ajv.errorsText(validate.errors?.slice(0, 3))}`);
}

beforeAll(async () => {
  // An import batch exists only after a preview: make one, so /imports/{id} has a real id.
  const admin = h.callers.find((c) => c.role === 'ADMIN')!;
  const framework = await h.db.framework.findFirstOrThrow({ select: { key: true } });
  const form = new FormData();
  const csv = `framework,ref,title,summary,area,aiSpecific\n${framework.key},IMPORTED-1,Imported requirement,Text,PRIVACY,true\n`;
  form.set('file', new File([csv], 'library.csv', { type: 'text/csv' }));
  form.set('kind', 'csv');
  const preview = await h.call(admin, 'POST', '/api/v1/imports/preview', { body: form });
  expect(preview.status, preview.text).toBeLessThan(300);
  params = await recordParams(h);
});

const describeResult = (r: CallResult) => `${r.status} ${r.text.slice(0, 300)}`;

function paramSets(path: string): Record<string, string>[] {
  if (!path.includes('{')) return [{}];
  const sets = params[path];
  if (!sets) throw new Error(`record-ids.ts has no real ids for ${path}: add the kind of record it serves`);
  return sets;
}

describe('every GET operation, every role, every kind of record', () => {
  it('has real ids for every templated path', () => {
    const missing = gets.filter((s) => s.path.includes('{') && !params[s.path]?.length).map((s) => s.path);
    expect(missing).toEqual([]);
  });

  it('never answers 5xx with real ids', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const spec of gets) {
      for (const p of paramSets(spec.path)) {
        for (const caller of callers) {
          const r = await h.call(caller, 'GET', spec.path, { params: p });
          calls++;
          checkAgainstDocument(spec.path, r.status, r, `${caller.label} ${JSON.stringify(p)}`);
          if (r.status >= 500) failures.push(`${caller.label} GET ${spec.path} ${JSON.stringify(p)}: ${describeResult(r)}`);
          if (caller.role === 'ANONYMOUS' && !spec.public && r.status !== 401) failures.push(`anonymous GET ${spec.path}: expected 401, got ${r.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(gets.length * callers.length);
  }, 300_000);

  it('answers with bodies that match the OpenAPI document (Ajv, JSON Schema 2020-12)', () => {
    expect(schemaFailures).toEqual([]);
    expect(validated).toBeGreaterThan(gets.length * 3);
  });

  it('documents a 2xx body for every operation, from its zod schema or as a file type', () => {
    const doc = h.document as unknown as Doc;
    const undocumented = h.specs.filter((s) => {
      const op = doc.paths[s.path][s.method.toLowerCase()];
      const ok = op.responses[String(s.successStatus ?? 200)];
      return !ok?.content || Object.values(ok.content).some((c) => !c.schema);
    });
    expect(undocumented.map((s) => `${s.method} ${s.path}`)).toEqual([]);
    expect(h.specs.every((s) => s.response || s.responseType)).toBe(true);
  });

  it('answers 4xx, naming the parameter, for ids that are unknown, over-long or hold control characters', async () => {
    const admin = h.callers.find((c) => c.role === 'ADMIN')!;
    const failures: string[] = [];
    for (const spec of gets.filter((s) => s.path.includes('{'))) {
      const names = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const real = paramSets(spec.path)[0];
      for (const name of names) {
        for (const bad of BAD_PARAM_VALUES) {
          const r = await h.call(admin, 'GET', spec.path, { params: { ...real, [name]: bad } });
          if (r.status >= 500 || r.status < 400) failures.push(`GET ${spec.path} ${name}=${JSON.stringify(bad.slice(0, 20))}: ${describeResult(r)}`);
          else if (r.status === 422 && !JSON.stringify(r.body).includes(name)) failures.push(`GET ${spec.path} ${name}: 422 does not name ${name}: ${r.text}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers 4xx, naming the parameter, for query strings out of range, of the wrong type or unknown', async () => {
    const admin = h.callers.find((c) => c.role === 'ADMIN')!;
    const failures: string[] = [];
    let tried = 0;
    for (const spec of gets.filter((s) => s.query)) {
      const json = z.toJSONSchema(spec.query!, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>> };
      const real = paramSets(spec.path)[0];
      for (const [name, schema] of Object.entries(json.properties ?? {})) {
        for (const bad of badQueryValues(schema)) {
          tried++;
          const r = await h.call(admin, 'GET', spec.path, { params: real, query: `${encodeURIComponent(name)}=${encodeURIComponent(bad)}` });
          if (r.status >= 500) failures.push(`GET ${spec.path}?${name}=${JSON.stringify(bad.slice(0, 30))}: ${describeResult(r)}`);
          else if (r.status < 400) failures.push(`GET ${spec.path}?${name}=${JSON.stringify(bad.slice(0, 30))}: accepted (${r.status})`);
          else if (r.status === 422 && !JSON.stringify(r.body).includes(name)) failures.push(`GET ${spec.path}?${name}: 422 does not name it: ${r.text}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(20);
  }, 120_000);
});

/** Values each query parameter must refuse, by the type its schema declares. */
function badQueryValues(schema: Record<string, unknown>): string[] {
  const s = (schema.anyOf as Record<string, unknown>[] | undefined)?.find((x) => x.type !== 'null') ?? schema;
  const out = ['a\u0000b'];
  if (Array.isArray(s.enum)) out.push('NOT_A_VALUE');
  if (s.type === 'integer' || s.type === 'number') out.push('abc', '-1', '1e400', '99999999999999999999');
  if (s.type === 'string' && (s.format === 'date-time' || s.format === 'date')) out.push('not-a-date', '2026-13-45', '+275760-09-13T00:00:00.000Z');
  if (s.type === 'string' && typeof s.maxLength === 'number') out.push('x'.repeat(s.maxLength + 1));
  if (s.type === 'boolean') out.push('maybe');
  return out;
}
