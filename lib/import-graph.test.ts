import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/auth/permissions';

// The rules of docs/architecture.md, checked on the import graph of the
// product sources (tests, fixtures, lib/tooling and generated code are exempt:
// a test may reach whatever it tests).

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Folders of lib/ that are layers every domain may use; every other folder of lib/ is a domain.
 * `notifications` is one: a mutation calls `notify` in its own transaction, as it calls `recordEvent`;
 * so is `events`: a mutation calls `publishEvent` (the outbox) in its transaction too.
 */
const LOWER_LAYERS = ['api', 'auth', 'audit', 'events', 'links', 'notifications', 'platform', 'pdf', 'signing'];
/** Layers that assemble what every domain contributes, through the named entry points only. */
const ASSEMBLERS: Record<string, RegExp> = {
  // A domain may split its API description into parts (crosswalk-api-spec.ts).
  openapi: /^(?:[a-z-]+-)?api-spec$/,
  jobs: /^(queries|mutations|record-[a-z-]+)$/,
};
const EXEMPT = ['tooling', 'generated'];
/** Reminders read every domain's due dates for the notification jobs: an assembler inside a layer, through entry points. */
const ASSEMBLER_FOLDERS = ['lib/notifications/reminders/'];
/** What one domain may import from another (a file, or a folder's index). */
/** `deadlines`: the incident domain's deadline engine, which other statutory clocks (privacy) share. */
const ENTRY_POINTS = /^(queries|mutations|schema|capabilities|deadlines)$/;
/** The audit workspace is one domain of sub-domains, each with its own entry points. */
const SUB_DOMAIN_ROOTS = ['audits'];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return rel === 'lib/generated' ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [rel] : [];
  });
}

const isExempt = (file: string) =>
  /\.(test|spec)\.tsx?$|\.fixture\.ts$|test-fixture\.ts$/.test(file) || EXEMPT.some((e) => file.startsWith(`lib/${e}/`));

/** Repository-relative target of an import specifier, without extension or /index; null for packages. */
function resolveSpecifier(from: string, spec: string): string | null {
  let target: string;
  if (spec.startsWith('@/')) target = spec.slice(2);
  else if (spec.startsWith('.')) target = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  return target.replace(/\.(tsx?|js)$/, '').replace(/\/index$/, '');
}

type Edge = { from: string; to: string };

function importsOf(file: string): Edge[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.flatMap((f) => {
    const to = resolveSpecifier(file, f.fileName);
    return to ? [{ from: file, to }] : [];
  });
}

const FILES = ['lib', 'app', 'components'].flatMap(sourceFiles).filter((f) => !isExempt(f));
const EDGES = FILES.flatMap(importsOf);

/** The domain a lib path belongs to ("models", "audits/findings"), or null for layers and top-level files. */
function domainOf(p: string): { domain: string; rest: string[] } | null {
  const parts = p.split('/');
  if (parts[0] !== 'lib' || parts.length < 3) return null;
  const top = parts[1];
  if (LOWER_LAYERS.includes(top) || top in ASSEMBLERS || EXEMPT.includes(top)) return null;
  if (SUB_DOMAIN_ROOTS.includes(top) && parts.length >= 4) return { domain: `${top}/${parts[2]}`, rest: parts.slice(3) };
  return { domain: top, rest: parts.slice(2) };
}

const layerOf = (p: string) => (p.startsWith('lib/') ? p.split('/')[1] : null);
const fmt = (edges: Edge[]) => edges.map((e) => `${e.from} -> ${e.to}`);

describe('the import graph', () => {
  it('reads the sources (a sanity check on the walk itself)', () => {
    expect(FILES.length).toBeGreaterThan(200);
    expect(EDGES).toContainEqual({ from: 'lib/api/route.ts', to: 'lib/auth/token' });
  });

  it('lower layers (lib/api, lib/auth, lib/audit, …) and top-level lib files import no domain', () => {
    const bad = EDGES.filter((e) => {
      const layer = layerOf(e.from);
      const isLower = layer !== null && (LOWER_LAYERS.includes(layer) || e.from.split('/').length === 2);
      if (ASSEMBLER_FOLDERS.some((f) => e.from.startsWith(f))) {
        const to = domainOf(e.to);
        return to !== null && !(to.rest.length === 1 && ENTRY_POINTS.test(to.rest[0]));
      }
      return isLower && domainOf(e.to) !== null;
    });
    expect(fmt(bad)).toEqual([]);
  });

  it('assemblers (lib/openapi, lib/jobs) take from a domain only its contribution', () => {
    const bad = EDGES.filter((e) => {
      const rule = ASSEMBLERS[layerOf(e.from) ?? ''];
      const target = domainOf(e.to);
      return rule && target && !(target.rest.length === 1 && rule.test(target.rest[0]));
    });
    expect(fmt(bad)).toEqual([]);
  });

  it('nothing in lib/ imports components/ or app/', () => {
    const bad = EDGES.filter((e) => e.from.startsWith('lib/') && /^(components|app)(\/|$)/.test(e.to));
    expect(fmt(bad)).toEqual([]);
  });

  it('a domain imports another domain only through its entry points (queries, mutations, schema, capabilities)', () => {
    const bad = EDGES.filter((e) => {
      const from = domainOf(e.from);
      const to = domainOf(e.to);
      if (!from || !to || from.domain === to.domain) return false;
      return !(to.rest.length === 1 && ENTRY_POINTS.test(to.rest[0]));
    });
    expect(fmt(bad)).toEqual([]);
  });

  it('pages and components never import the Prisma client', () => {
    const bad = EDGES.filter((e) => /^(app|components)\//.test(e.from) && /^lib\/(db|db-raw|generated)(\/|$)/.test(e.to));
    expect(fmt(bad)).toEqual([]);
  });

  it('pages and components never call can() nor compare a role literal', () => {
    const roles = ROLES.join('|');
    const patterns = [
      /(?<![\w.])can\s*\(/,
      new RegExp(`[!=]==?\\s*['"\`](${roles})['"\`]`),
      new RegExp(`['"\`](${roles})['"\`]\\s*[!=]==?`),
      new RegExp(`case\\s+['"\`](${roles})['"\`]`),
      new RegExp(`\\[\\s*['"\`](${roles})['"\`][^\\]]*\\]\\.includes\\(`),
    ];
    const bad = FILES.filter((f) => /^(app|components)\//.test(f)).flatMap((file) => {
      const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
      return lines.flatMap((line, i) => (patterns.some((p) => p.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
    });
    expect(bad).toEqual([]);
  });

  it('the role check itself catches what it should', () => {
    const roles = ROLES.join('|');
    const compare = new RegExp(`[!=]==?\\s*['"\`](${roles})['"\`]`);
    expect(compare.test(`if (actor.role === 'ADMIN')`)).toBe(true);
    expect(compare.test(`s.role === 'BUSINESS_OWNER'`)).toBe(false);
    expect(/(?<![\w.])can\s*\(/.test('if (can(actor, "x"))')).toBe(true);
    expect(/(?<![\w.])can\s*\(/.test('scan(x); capabilities.can(x)')).toBe(false);
  });
});
