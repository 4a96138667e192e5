import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What the browser downloads: a 'use client' module brings everything it
// imports (for its values, not its types) into the page's first-load
// JavaScript. zod is the validator of the server's edge; a client form gets
// plain hints read from the schema on the server (components/ui/form/hints.ts),
// so no client module may reach zod, directly or through a module it imports
// (a 'use server' module is a boundary: the browser gets references to its
// actions, not its code).

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER_ONLY_PACKAGES = ['zod'];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return rel === 'lib/generated' ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(name) && !/\.(d|test|spec|integration\.test)\.tsx?$/.test(name) ? [rel] : [];
  });
}

function resolveFile(from: string, spec: string): string | null {
  let target: string;
  if (spec.startsWith('@/')) target = spec.slice(2);
  else if (spec.startsWith('.')) target = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`]) {
    if (existsSync(path.join(ROOT, candidate)) && statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  }
  return null;
}

type Parsed = { client: boolean; server: boolean; values: string[] };
const cache = new Map<string, Parsed>();

/** The specifiers a module imports or re-exports for their values (type-only imports are erased). */
function parse(file: string): Parsed {
  const hit = cache.get(file);
  if (hit) return hit;
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const first = source.statements[0];
  const directive = first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) ? first.expression.text : null;
  const client = directive === 'use client';
  // A 'use server' module reaches the browser as references to its actions, not as code.
  const server = directive === 'use server';
  const values: string[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      const clause = s.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) values.push(s.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) && !s.isTypeOnly) {
      values.push(s.moduleSpecifier.text);
    }
  }
  const parsed = { client, server, values };
  cache.set(file, parsed);
  return parsed;
}

/** The first chain of value imports from `start` to a server-only package, or null. */
function chainToServerOnly(start: string): string[] | null {
  const seen = new Set<string>([start]);
  const queue: string[][] = [[start]];
  while (queue.length) {
    const trail = queue.shift()!;
    const file = trail[trail.length - 1];
    for (const spec of parse(file).values) {
      if (SERVER_ONLY_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`))) return [...trail, spec];
      const next = resolveFile(file, spec);
      if (next && !seen.has(next) && !parse(next).server) {
        seen.add(next);
        queue.push([...trail, next]);
      }
    }
  }
  return null;
}

describe('the browser bundle', () => {
  it('has no client module that reaches zod through its value imports', () => {
    const files = ['app', 'components', 'lib'].flatMap(sourceFiles);
    const clients = files.filter((f) => parse(f).client);
    expect(clients.length).toBeGreaterThan(20);
    const offenders = clients.map((f) => chainToServerOnly(f)).filter((c): c is string[] => c !== null).map((c) => c.join(' → '));
    expect(offenders).toEqual([]);
  });
});
