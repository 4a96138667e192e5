import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/** A place in the document (`$.runs.0.results.1.level`) and what is wrong there. */
export type SchemaProblem = { path: string; reason: string };

type Json = { [k: string]: unknown };

/**
 * A draft-04 schema read by Ajv's draft-07 engine: its root `id` becomes
 * `$id` and its `$schema` line is dropped. Only for schemas that use no
 * keyword whose meaning changed after draft-04 (boolean `exclusiveMinimum` /
 * `exclusiveMaximum`); one that does is refused rather than read wrongly.
 */
function fromDraft04(schema: Json): Json {
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'exclusiveMinimum' || k === 'exclusiveMaximum') && typeof v === 'boolean') throw new Error(`The draft-04 schema uses a boolean ${k}, which later drafts read differently.`);
      walk(v);
    }
  };
  walk(schema);
  const { $schema: _draft, id, ...rest } = schema;
  return typeof id === 'string' ? { $id: id, ...rest } : rest;
}

function reasonOf(e: { keyword: string; message?: string; params: Record<string, unknown> }): string {
  if (e.keyword === 'additionalProperties') return `has a property the schema does not allow: "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? `fails the schema's ${e.keyword} rule`;
}

/**
 * Checks documents against a published JSON Schema (draft-07, or draft-04 as
 * above): Ajv with every error, formats checked, unknown keywords allowed
 * (published schemas carry annotations of their own). The schema is compiled
 * on first use and kept; an empty list means the document is valid.
 */
export function jsonSchemaValidator(schema: object, opts: { maxProblems?: number } = {}) {
  let validate: ReturnType<Ajv['compile']> | null = null;
  return (doc: unknown): SchemaProblem[] => {
    if (!validate) {
      const s = schema as Json;
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      validate = ajv.compile(String(s.$schema ?? '').includes('draft-04') ? fromDraft04(s) : s);
    }
    if (validate(doc)) return [];
    return (validate.errors ?? []).slice(0, opts.maxProblems ?? 100).map((e) => ({ path: `$${e.instancePath.replace(/\//g, '.')}`, reason: reasonOf(e) }));
  };
}
