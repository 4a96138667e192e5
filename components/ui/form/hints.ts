import type { z } from 'zod';

/** What a form field can learn from its schema before the server answers. */
export type FieldHint = {
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
  kind?: 'text' | 'number' | 'date' | 'boolean' | 'list' | 'choice';
  options?: string[];
};
export type FormHints = Record<string, FieldHint>;

type Check = { _zod: { def: { check: string; minimum?: number; maximum?: number; length?: number; value?: unknown; inclusive?: boolean } } };
type Def = { type: string; checks?: Check[]; innerType?: Node; in?: Node; out?: Node; shape?: Record<string, Node>; element?: Node; entries?: Record<string, string | number>; options?: Node[] };
type Node = { _zod: { def: Def; bag?: Record<string, unknown> } };

const WRAPPERS = new Set(['nullable', 'catch', 'readonly', 'nonoptional', 'success']);
const OPTIONAL = new Set(['optional', 'default', 'prefault']);

/**
 * Reads a zod object schema into plain, serialisable hints (required,
 * lengths, ranges, choices), so a server page can hand them to the browser
 * without shipping zod or the schema. Walks zod's definition tree; anything
 * it does not recognise simply gives no hint.
 */
export function schemaHints(schema: z.ZodType | undefined): FormHints {
  if (!schema) return {};
  const object = unwrap(schema as unknown as Node).node;
  const shape = object._zod.def.type === 'object' ? object._zod.def.shape : undefined;
  if (!shape) return {};
  const out: FormHints = {};
  for (const [name, field] of Object.entries(shape)) out[name] = hintFor(field);
  return out;
}

function unwrap(node: Node): { node: Node; optional: boolean } {
  let optional = false;
  let current = node;
  for (let depth = 0; depth < 20; depth++) {
    const def = current._zod.def;
    if (OPTIONAL.has(def.type) && def.innerType) {
      optional = true;
      current = def.innerType;
    } else if (WRAPPERS.has(def.type) && def.innerType) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in && def.out) {
      // preprocess/transform pipes: the constraints live on the side that is a schema.
      current = def.in._zod.def.type === 'transform' ? def.out : def.in;
    } else break;
  }
  return { node: current, optional };
}

function hintFor(field: Node): FieldHint {
  const { node, optional } = unwrap(field);
  const def = node._zod.def;
  const bag = limits(def.checks ?? []);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  switch (def.type) {
    case 'string': {
      const minLength = num(bag.minimum);
      return { kind: 'text', required: !optional && (minLength ?? 0) >= 1, minLength, maxLength: num(bag.maximum) };
    }
    case 'number':
    case 'int':
      return { kind: 'number', required: !optional, min: num(bag.minimum), max: num(bag.maximum) };
    case 'date':
      return { kind: 'date', required: !optional };
    case 'boolean':
      return { kind: 'boolean', required: false };
    case 'enum':
      return { kind: 'choice', required: !optional, options: Object.values(def.entries ?? {}).map(String) };
    case 'array': {
      const minLength = num(bag.minimum);
      return { kind: 'list', required: !optional && (minLength ?? 0) >= 1, minLength, maxLength: num(bag.maximum) };
    }
    default:
      return {};
  }
}

/** Lengths and ranges from the schema's checks (zod fills its own `bag` only once it has parsed). */
function limits(checks: Check[]): { minimum?: number; maximum?: number } {
  const out: { minimum?: number; maximum?: number } = {};
  for (const c of checks) {
    const d = c._zod?.def;
    if (!d) continue;
    if (d.check === 'min_length' || d.check === 'min_size') out.minimum = d.minimum;
    else if (d.check === 'max_length' || d.check === 'max_size') out.maximum = d.maximum;
    else if (d.check === 'length_equals') out.minimum = out.maximum = d.length;
    else if (d.check === 'greater_than' && typeof d.value === 'number') out.minimum = d.inclusive ? d.value : d.value + 1;
    else if (d.check === 'less_than' && typeof d.value === 'number') out.maximum = d.inclusive ? d.value : d.value - 1;
  }
  return out;
}
