import { beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type CallResult, type Caller } from './harness';
import { badValues, deepJson, propertiesOf, sample, type JsonSchema } from './payloads';
import { BAD_PARAM_VALUES, recordParams } from './record-ids';

// Every /api/v1 write operation in the OpenAPI document gets bodies it must
// refuse. Each answer is a 4xx (never 5xx) that names the field, and no table
// changes except the audit/throttle bookkeeping.

const h = await startApiHarness('api_writes');
const admin = h.callers.find((c) => c.role === 'ADMIN')!;
const token = h.callers.find((c) => c.role === 'TOKEN')!;
type Op = { method: string; path: string; body?: JsonSchema; multipart: boolean };
const ops: Op[] = Object.entries(h.document.paths).flatMap(([path, methods]) =>
  Object.entries(methods as Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>)
    .filter(([m]) => m !== 'get')
    .map(([m, op]) => {
      const content = op.requestBody?.content;
      return { method: m.toUpperCase(), path, body: (content?.['application/json'] ?? content?.['multipart/form-data'])?.schema, multipart: Boolean(content?.['multipart/form-data']) };
    }),
);
let params: Awaited<ReturnType<typeof recordParams>>;

// Bookkeeping a refused request may touch: the audit trail and login throttle
// (left out), session and token "last seen" stamps (compared by count only).
const IGNORED = new Set(['AuditEvent', 'LoginThrottle', '_prisma_migrations']);
const COUNT_ONLY = new Set(['AuthSession', 'ApiToken']);
let tables: string[] = [];

async function snapshot(): Promise<Record<string, string>> {
  const parts = tables.map((t) =>
    COUNT_ONLY.has(t)
      ? `SELECT '${t}' AS t, count(*)::text AS v FROM "${t}"`
      : `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS v FROM "${t}" x`,
  );
  const rows = await h.db.$queryRawUnsafe<{ t: string; v: string }[]>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((t) => before[t] !== after[t]);
}

beforeAll(async () => {
  params = await recordParams(h);
  const rows = await h.db.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  tables = rows.map((r) => r.table_name).filter((t) => !IGNORED.has(t));
});

const realParams = (path: string) => (path.includes('{') ? (params[path]?.[0] ?? {}) : {});
const short = (v: unknown) => JSON.stringify(v)?.slice(0, 60);
const summary = (r: CallResult) => `${r.status} ${r.text.slice(0, 240)}`;

function namesField(r: CallResult, field: string): boolean {
  const error = (r.body as { error?: { message?: string; fieldErrors?: Record<string, string[]> } }).error;
  if (!error) return false;
  const keys = Object.keys(error.fieldErrors ?? {});
  return keys.some((k) => k === field || k.startsWith(`${field}.`) || k.endsWith(`.${field}`)) || (error.message ?? '').includes(field);
}

type Case = { label: string; text?: string; form?: FormData; field?: string };

function jsonCases(op: Op): Case[] {
  const cases: Case[] = [
    { label: 'no body', text: '' },
    { label: 'JSON null', text: 'null' },
    { label: 'a JSON string', text: '"text"' },
    { label: 'a JSON array', text: '[]' },
    { label: 'invalid JSON', text: '{"a":' },
  ];
  if (!op.body) return cases;
  const valid = sample(op.body) as Record<string, unknown>;
  const props = propertiesOf(op.body);
  const required = new Set((op.body as { required?: string[] }).required ?? []);
  if (required.size) cases.push({ label: 'empty object', text: '{}', field: [...required][0] });
  const first = Object.keys(props)[0] ?? 'field';
  cases.push(
    { label: '10,000 levels deep', text: `{"${first}":${deepJson}}`, field: first },
    { label: '__proto__ key', text: `{"__proto__":{"role":"ADMIN"},${JSON.stringify(valid).slice(1)}`.replace(/,}$/, '}'), field: '__proto__' },
    { label: 'constructor key', text: JSON.stringify({ ...valid, constructor: { prototype: { admin: true } } }), field: 'constructor' },
    { label: 'NUL in a key', text: JSON.stringify({ ...valid, 'a\u0000b': 1 }) },
  );
  for (const [name, schema] of Object.entries(props)) {
    for (const bad of badValues(schema)) {
      cases.push({ label: `${name}: ${bad.what}`, text: JSON.stringify({ ...valid, [name]: bad.value }), field: name });
    }
  }
  return cases;
}

function multipartCases(op: Op): Case[] {
  const file = () => new File(['content'], 'file.csv', { type: 'text/csv' });
  const form = (entries: [string, string | File][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };
  const fields = Object.keys(propertiesOf(op.body ?? {})).filter((k) => k !== 'file');
  const cases: Case[] = [
    { label: 'JSON instead of multipart', text: '{}' },
    { label: 'empty form', form: form([]) },
    { label: 'file name with NUL', form: form([['file', new File(['x'], 'a\u0000b.csv')], ...fields.map((k) => [k, 'csv'] as [string, string])]), field: 'file' },
    { label: '__proto__ field', form: form([['__proto__', 'x'], ['file', file()]]), field: '__proto__' },
  ];
  for (const k of fields) cases.push({ label: `${k}: NUL byte`, form: form([['file', file()], [k, 'a\u0000b']]), field: k });
  return cases;
}

async function send(caller: Caller, op: Op, c: Case, p: Record<string, string>) {
  return h.call(caller, op.method, op.path, { params: p, body: c.form ?? c.text });
}

describe('every write operation refuses bad input with a 4xx that names the field, and changes nothing', () => {
  it('finds the write operations in the document', () => {
    expect(ops.length).toBeGreaterThan(40);
    expect(ops.filter((o) => o.body).length).toBeGreaterThan(35);
  });

  for (const caller of ['admin session', 'API token'] as const) {
    it(`refuses every bad body (${caller})`, async () => {
      const who = caller === 'API token' ? token : admin;
      const failures: string[] = [];
      let sent = 0;
      for (const op of ops) {
        const p = realParams(op.path);
        if (!op.body) continue;
        const all = op.multipart ? multipartCases(op) : jsonCases(op);
        // The token run repeats the edge cases only: the field-by-field ones do not depend on who asks.
        const cases = who === token ? all.filter((c) => /NUL|no body|empty|__proto__|deep/.test(c.label)) : all;
        const before = await snapshot();
        for (const c of cases) {
          const r = await send(who, op, c, p);
          sent++;
          const where = `${op.method} ${op.path} [${c.label}]`;
          if (r.status < 400 || r.status >= 500) failures.push(`${where}: ${summary(r)}`);
          else if (r.status === 422 && c.field && !namesField(r, c.field)) failures.push(`${where}: 422 does not name "${c.field}": ${r.text.slice(0, 200)}`);
        }
        const diff = changed(before, await snapshot());
        if (diff.length) failures.push(`${op.method} ${op.path}: refused requests changed ${diff.join(', ')}`);
      }
      expect(failures).toEqual([]);
      expect(sent).toBeGreaterThan(who === token ? 150 : 1000);
      console.log(`${caller}: ${sent} refused requests over ${ops.filter((o) => o.body).length} operations`);
    }, 300_000);
  }

  it('refuses bad path parameters on every write operation, changing nothing', async () => {
    const failures: string[] = [];
    const before = await snapshot();
    for (const op of ops.filter((o) => o.path.includes('{'))) {
      const real = realParams(op.path);
      const body = op.body && !op.multipart ? JSON.stringify(sample(op.body)) : op.multipart ? new FormData() : undefined;
      for (const name of Object.keys(real)) {
        for (const bad of BAD_PARAM_VALUES) {
          const r = await h.call(admin, op.method, op.path, { params: { ...real, [name]: bad }, body });
          if (r.status < 400 || r.status >= 500) failures.push(`${op.method} ${op.path} ${name}=${short(bad)}: ${summary(r)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(changed(before, await snapshot())).toEqual([]);
  }, 120_000);
});
