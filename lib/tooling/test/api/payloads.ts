// Request bodies built from the OpenAPI document's JSON Schemas: a minimal
// valid sample, and for each property the values it must refuse.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

/** The first branch of a union that is not null. */
export function concrete(s: JsonSchema): JsonSchema {
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return concrete(branches.find((b) => b.type !== 'null') ?? branches[0]);
  if (s.allOf) return Object.assign({}, ...s.allOf.map(concrete)) as JsonSchema;
  return s;
}

export function nullable(s: JsonSchema): boolean {
  return Boolean((s.anyOf ?? s.oneOf)?.some((b) => b.type === 'null') || (Array.isArray(s.type) && s.type.includes('null')));
}

export function typeOf(s: JsonSchema): string | undefined {
  const c = concrete(s);
  return Array.isArray(c.type) ? c.type.find((t) => t !== 'null') : c.type;
}

/** Object properties of a body schema (the first object branch of a union). */
export function propertiesOf(s: JsonSchema): Record<string, JsonSchema> {
  return concrete(s).properties ?? {};
}

function sampleString(s: JsonSchema): string {
  if (s.format === 'date-time') return new Date(Date.now() - 3_600_000).toISOString();
  if (s.format === 'date' || s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  if (s.format === 'email') return 'someone@example.test';
  if (s.format === 'uri') return 'https://example.test/doc';
  if (s.pattern === '^[0-9a-f]{64}$') return 'a'.repeat(64);
  if (s.pattern?.includes('A-Z0-9')) return 'KEY-1'.padEnd(s.minLength ?? 0, '1');
  return 'sample-text-value'.padEnd(s.minLength ?? 0, 'x').slice(0, s.maxLength ?? 10_000);
}

export function sample(schema: JsonSchema): unknown {
  const s = concrete(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k] ?? {})]));
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    default:
      return 'sample';
  }
}

const DEEP = 10_000;
/** A JSON text nested DEEP arrays deep: built as text, so building it needs no stack. */
export const deepJson = '['.repeat(DEEP) + ']'.repeat(DEEP);

/** Values that property `s` must refuse, each with what it tries. */
export function badValues(s: JsonSchema): { what: string; value: unknown }[] {
  const c = concrete(s);
  const type = typeOf(s);
  const out: { what: string; value: unknown }[] = [{ what: 'NUL byte', value: 'a\u0000b' }, { what: 'escape character', value: 'a\u001b[2Jb' }];
  if (!nullable(s)) out.push({ what: 'null', value: null });
  if (type === 'string') {
    out.push({ what: 'number for a string', value: 12345 }, { what: 'object for a string', value: { a: 1 } });
    out.push({ what: 'over-long string', value: 'x'.repeat(Math.max((c.maxLength ?? 0) + 1, 100_001)) });
    if (c.enum) out.push({ what: 'unknown enum value', value: 'NOT_A_VALUE' });
    if (c.format === 'date' || c.format === 'date-time' || c.pattern === '^\\d{4}-\\d{2}-\\d{2}$') {
      out.push({ what: 'invalid date', value: '2026-13-45' }, { what: 'date before PostgreSQL', value: '-271821-04-20T00:00:00.000Z' }, { what: 'far-future date', value: '+275760-09-13T00:00:00.000Z' });
    }
  }
  if (type === 'integer' || type === 'number') {
    out.push({ what: 'string for a number', value: 'abc' }, { what: 'huge number', value: 1e308 }, { what: 'negative huge number', value: -1e308 });
    if (type === 'integer') out.push({ what: 'fraction for an integer', value: 1.5 });
    out.push({ what: 'above the maximum', value: c.maximum !== undefined ? c.maximum + 1 : 2 ** 31 });
  }
  if (type === 'boolean') out.push({ what: 'string for a boolean', value: 'maybe' });
  if (type === 'array') out.push({ what: 'number for an array', value: 12345 }, { what: 'array of NUL strings', value: ['a\u0000b'] });
  if (type === 'object') out.push({ what: 'array for an object', value: [1, 2] });
  return out;
}
