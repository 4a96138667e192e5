import { z } from 'zod';
import { AppError, type FieldErrors } from '@/lib/errors';

// PostgreSQL refuses U+0000 in text, and the other C0/C1 controls have no
// place in a governance record: they hide text in exports and terminals.
// Tab, line feed and carriage return stay allowed (multi-line text).
// Safe for the client: no server-only imports.
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;

/** Deeper than any body this API accepts; stops stack-eating payloads early. */
export const MAX_INPUT_DEPTH = 32;
/** Keys that could reach an object's prototype when spread or merged. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function controlCharMessage(s: string): string {
  const m = CONTROL_CHARS.exec(s);
  const code = m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : 'a control character';
  return `Contains a control character (${code}); remove it`;
}

/**
 * Walks a parsed input (JSON body, form fields, query, params, CSV rows)
 * and names every string with a control character, every unsafe key and
 * any nesting deeper than MAX_INPUT_DEPTH. Iterative, so a body nested
 * 10,000 levels deep cannot overflow the stack.
 */
export function inputProblems(value: unknown, opts: { prefix?: string[]; maxDepth?: number; maxProblems?: number } = {}): FieldErrors {
  // A Map: a plain object answers "constructor" from its prototype.
  const out = new Map<string, string[]>();
  const maxDepth = opts.maxDepth ?? MAX_INPUT_DEPTH;
  const maxProblems = opts.maxProblems ?? 20;
  const prefix = opts.prefix ?? [];
  let count = 0;
  // A node's path is built only when it has a problem: a parent link and a key
  // per node, not a copied array (ingestion bodies hold millions of values).
  type Node = { v: unknown; parent: Node | null; key: string | number; depth: number };
  const pathOf = (n: Node | null, tail: (string | number)[] = []): (string | number)[] => {
    const keys: (string | number)[] = [...tail];
    for (let cur = n; cur && cur.parent; cur = cur.parent) keys.unshift(cur.key);
    return [...prefix, ...keys];
  };
  const add = (path: (string | number)[], message: string) => {
    const key = path.join('.') || '_';
    out.set(key, [...(out.get(key) ?? []), message]);
    count++;
  };
  const stack: Node[] = [{ v: value, parent: null, key: '', depth: 0 }];
  while (stack.length && count < maxProblems) {
    const node = stack.pop()!;
    const v = node.v;
    if (typeof v === 'string') {
      if (CONTROL_CHARS.test(v)) add(pathOf(node), controlCharMessage(v));
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (node.depth >= maxDepth) {
      add(pathOf(node), `Nested more than ${maxDepth} levels deep`);
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        // Numbers, booleans and null cannot hold a problem: they are not pushed.
        if (typeof item === 'string' ? CONTROL_CHARS.test(item) : typeof item === 'object' && item !== null) stack.push({ v: item, parent: node, key: i, depth: node.depth + 1 });
      }
      continue;
    }
    if (v instanceof Blob) continue;
    for (const key of Object.keys(v)) {
      if (UNSAFE_KEYS.has(key)) add(pathOf(node, [key]), `"${key}" is not an accepted field name`);
      else if (CONTROL_CHARS.test(key)) add(pathOf(node, [key.replace(LINE_BREAKS_AND_CONTROLS, '?')]), 'The field name contains a control character');
      else {
        const item: unknown = (v as Record<string, unknown>)[key];
        if (typeof item === 'string' ? CONTROL_CHARS.test(item) : typeof item === 'object' && item !== null) stack.push({ v: item, parent: node, key, depth: node.depth + 1 });
      }
    }
  }
  return Object.fromEntries(out);
}

/** The one refusal for unsafe input: a 422 whose message names the first field. */
export function assertSafeInput(value: unknown, what: string, opts: { prefix?: string[]; maxDepth?: number } = {}): void {
  const problems = inputProblems(value, opts);
  const first = Object.entries(problems)[0];
  if (!first) return;
  const where = first[0] === '_' ? '' : `${first[0]}: `;
  throw new AppError('VALIDATION', `Invalid ${what}: ${where}${first[1][0]}`, { fieldErrors: problems });
}

/**
 * Text for schemas that want the rule explicitly (the edge already refuses
 * control characters in every request). `multiline` allows \n, \r and \t;
 * a single line refuses them too. Trims by default.
 */
export function safeText(opts: { max?: number; min?: number; multiline?: boolean; trim?: boolean } = {}) {
  let s = z.string();
  if (opts.trim !== false) s = s.trim();
  if (opts.min !== undefined) s = s.min(opts.min, opts.min === 1 ? 'Required' : `At least ${opts.min} characters`);
  if (opts.max !== undefined) s = s.max(opts.max, `At most ${opts.max} characters`);
  const forbidden = opts.multiline ? CONTROL_CHARS : LINE_BREAKS_AND_CONTROLS;
  return s.refine((v) => !forbidden.test(v), {
    message: opts.multiline ? 'Contains a control character; remove it' : 'Contains a line break or control character; use one line',
  });
}

/** CSV cells, named the way a spreadsheet user finds them: row number and column header. */
export function assertSafeCsv(rows: string[][]): void {
  const header = rows[0] ?? [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      if (!CONTROL_CHARS.test(row[c])) continue;
      const column = r === 0 ? `column ${c + 1}` : `"${(header[c] ?? `column ${c + 1}`).trim().replace(CONTROL_CHARS, '?')}"`;
      const where = `row ${r + 1}, ${column}`;
      throw new AppError('VALIDATION', `Invalid CSV: ${where}: ${controlCharMessage(row[c])}`, { fieldErrors: { file: [`${where}: ${controlCharMessage(row[c])}`] } });
    }
  }
}
