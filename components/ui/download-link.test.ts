import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// A next/link (or ButtonLink) to a route handler is fetched by the router as
// a page; the file that comes back is handed to the browser as a hard
// navigation and the router suspends until the page unloads. A download never
// unloads it, so every later transition on the page (a form's "Working…")
// never ends. Files go through DownloadLink or a plain <a>: this test finds
// every next/link whose href names a route handler (a route.ts), under
// /api/ or elsewhere.

const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return files(rel, keep);
    return keep(name) ? [rel] : [];
  });
}

/** Each route handler's URL as a pattern: route groups dropped, a dynamic segment matches one segment (or a substitution). */
function routePatterns(): { route: string; dynamic: number; pattern: RegExp }[] {
  return files('app', (n) => n === 'route.ts').map((file) => {
    const segments = path.posix.dirname(file).split('/').slice(1).filter((s) => !/^\(.*\)$/.test(s));
    const body = segments.map((s) => (/^\[\[?\.\.\./.test(s) ? '.*' : /^\[.*\]$/.test(s) ? '[^/?#]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
    return { route: `/${segments.join('/')}`, dynamic: segments.filter((s) => s.startsWith('[')).length, pattern: new RegExp(`^/${body}(?:[?#].*)?$`) };
  }).sort((a, b) => a.dynamic - b.dynamic);
}

/** The href as text, a substitution as '*' unless it names a const of the same file, which is read in its place. */
function hrefShape(expr: ts.Expression, consts: Map<string, ts.Expression>, depth = 0): string {
  if (ts.isStringLiteralLike(expr)) return expr.text;
  if (ts.isTemplateExpression(expr)) {
    return expr.head.text + expr.templateSpans.map((s) => (ts.isIdentifier(s.expression) && consts.has(s.expression.text) && depth < 3 ? hrefShape(consts.get(s.expression.text)!, consts, depth + 1) : '*') + s.literal.text).join('');
  }
  if (ts.isIdentifier(expr) && consts.has(expr.text) && depth < 3) return hrefShape(consts.get(expr.text)!, consts, depth + 1);
  if (ts.isParenthesizedExpression(expr)) return hrefShape(expr.expression, consts, depth);
  return '*';
}

function linksToRouteHandlers(): string[] {
  const routes = routePatterns();
  const found: string[] = [];
  for (const file of [...files('app', (n) => n.endsWith('.tsx')), ...files('components', (n) => n.endsWith('.tsx'))]) {
    const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    // The names next/link and the kit's ButtonLink go by in this file.
    const linkNames = new Set<string>();
    const consts = new Map<string, ts.Expression>();
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        if (node.moduleSpecifier.text === 'next/link' && clause?.name) linkNames.add(clause.name.text);
        if (/components\/ui\/button$/.test(node.moduleSpecifier.text) && clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
          for (const e of clause.namedBindings.elements) if ((e.propertyName ?? e.name).text === 'ButtonLink') linkNames.add(e.name.text);
        }
      }
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) consts.set(node.name.text, node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (file === 'components/ui/button.tsx') linkNames.add('Link');
    const check = (node: ts.Node) => {
      if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && ts.isIdentifier(node.tagName) && linkNames.has(node.tagName.text)) {
        const href = node.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText(source) === 'href');
        const init = href?.initializer;
        const expr = init && (ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) ? init.expression : undefined);
        if (expr) {
          const shape = hrefShape(expr, consts);
          const hit = routes.find((r) => r.pattern.test(shape.replace(/\*/g, 'x')));
          if (hit || shape.startsWith('/api/')) found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.tagName.text} href=${shape}${hit ? ` (route ${hit.route})` : ''}`);
        }
      }
      ts.forEachChild(node, check);
    };
    check(source);
  }
  return found;
}

describe('links to files', () => {
  it('never go through next/link or ButtonLink (they leave the page’s forms pending after a download)', () => {
    expect(linksToRouteHandlers()).toEqual([]);
  });

  it('the check sees through a const and finds route handlers outside /api too', () => {
    const routes = routePatterns();
    const match = (href: string) => routes.find((r) => r.pattern.test(href))?.route;
    expect(match('/api/v1/privacy/requests/x/export')).toBe('/api/v1/privacy/requests/[id]/export');
    expect(match('/reviews/x/invitation')).toBe('/reviews/[quarter]/invitation');
    expect(match('/privacy/requests/x')).toBeUndefined();
    const src = ts.createSourceFile('t.tsx', 'const base = `/api/v1/models/${k}`; const h = `${base}/gate`;', ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const consts = new Map<string, ts.Expression>();
    src.forEachChild((s) => ts.isVariableStatement(s) && s.declarationList.declarations.forEach((d) => ts.isIdentifier(d.name) && d.initializer && consts.set(d.name.text, d.initializer)));
    expect(hrefShape(consts.get('h')!, consts)).toBe('/api/v1/models/*/gate');
  });
});
