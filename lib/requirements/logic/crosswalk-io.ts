import { randomUUID } from 'node:crypto';
import { csvCell, parseCsv, unescapeFormula } from '@/lib/csv';
import { RELATIONSHIPS, type Relationship } from '../library-schema';
import { CROSSWALK_CSV_COLUMNS } from '../schema/crosswalk';

// Crosswalk files in and out: CSV (the columns of CROSSWALK_CSV_COLUMNS) and
// an OSCAL mapping collection (OSCAL 1.2 "mapping-collection" model). Pure.

export type CrosswalkRow = { fromFramework: string; fromRef: string; relationship: Relationship; toFramework: string; toRef: string; rationale: string; citation: string | null };
export type CrosswalkRowProblem = { row: number; reason: string };

/** OLIR relationship names as OSCAL writes them. */
export const OSCAL_RELATIONSHIP: Record<Relationship, string> = { EQUIVALENT: 'equivalent-to', SUBSET: 'subset-of', SUPERSET: 'superset-of', RELATED: 'intersects-with' };
const FROM_OSCAL = Object.fromEntries(Object.entries(OSCAL_RELATIONSHIP).map(([k, v]) => [v, k])) as Record<string, Relationship>;

export function crosswalkCsv(rows: readonly CrosswalkRow[]): string {
  const lines = [CROSSWALK_CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(CROSSWALK_CSV_COLUMNS.map((c) => csvCell(r[c] ?? '')).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Reads a crosswalk CSV; every row is checked, and problems name the row (1 = header). */
export function parseCrosswalkCsv(text: string): { rows: CrosswalkRow[]; problems: CrosswalkRowProblem[] } {
  const table = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c.trim() !== ''));
  const problems: CrosswalkRowProblem[] = [];
  if (!table.length) return { rows: [], problems: [{ row: 1, reason: 'The file is empty.' }] };
  const header = table[0].map((h) => h.trim());
  const missing = CROSSWALK_CSV_COLUMNS.filter((c) => c !== 'citation' && !header.includes(c));
  const unknown = header.filter((h) => !(CROSSWALK_CSV_COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    return { rows: [], problems: [{ row: 1, reason: [missing.length ? `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` : '', unknown.length ? `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` : ''].filter(Boolean).join('. ') }] };
  }
  const at = (row: string[], c: string) => unescapeFormula((row[header.indexOf(c)] ?? '').trim());
  const rows: CrosswalkRow[] = [];
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const rel = at(cells, 'relationship').toUpperCase().replace(/[\s-]+/g, '_');
    const relationship = (RELATIONSHIPS as readonly string[]).includes(rel) ? (rel as Relationship) : FROM_OSCAL[at(cells, 'relationship').toLowerCase()] ?? (rel === 'INTERSECTS_WITH' || rel === 'INTERSECTS' ? 'RELATED' : rel === 'SUBSET_OF' ? 'SUBSET' : rel === 'SUPERSET_OF' ? 'SUPERSET' : rel === 'EQUIVALENT_TO' ? 'EQUIVALENT' : undefined);
    const r = { fromFramework: at(cells, 'fromFramework'), fromRef: at(cells, 'fromRef'), toFramework: at(cells, 'toFramework'), toRef: at(cells, 'toRef'), rationale: at(cells, 'rationale'), citation: at(cells, 'citation') || null };
    const bad: string[] = [];
    for (const k of ['fromFramework', 'fromRef', 'toFramework', 'toRef', 'rationale'] as const) if (!r[k]) bad.push(`${k} is empty`);
    if (!relationship) bad.push(`relationship "${at(cells, 'relationship')}" is not one of equivalent, subset-of, superset-of, intersects-with`);
    if (r.rationale.length > 300) bad.push('rationale is longer than 300 characters');
    if (r.citation && r.citation.length > 300) bad.push('citation is longer than 300 characters');
    if (r.fromFramework && r.fromFramework === r.toFramework && r.fromRef === r.toRef) bad.push('a requirement cannot map to itself');
    if (bad.length) problems.push({ row, reason: bad.join('; ') });
    else rows.push({ ...r, relationship: relationship! });
  });
  return { rows, problems };
}

type OscalMap = { uuid: string; relationship: string; sources: { type: string; 'id-ref': string }[]; targets: { type: string; 'id-ref': string }[]; remarks?: string; props?: { name: string; value: string }[] };

/** An OSCAL mapping collection: one `mappings[]` entry per framework pair, one `maps[]` entry per requirement pair. */
export function crosswalkOscal(rows: readonly CrosswalkRow[], meta: { title: string; frameworkNames: Record<string, string>; now?: Date }) {
  const byPair = new Map<string, CrosswalkRow[]>();
  for (const r of rows) (byPair.get(`${r.fromFramework}|${r.toFramework}`) ?? byPair.set(`${r.fromFramework}|${r.toFramework}`, []).get(`${r.fromFramework}|${r.toFramework}`)!).push(r);
  const resource = (key: string) => ({ type: 'catalog', href: `#${key}`, props: [{ name: 'framework-key', value: key }, { name: 'title', value: meta.frameworkNames[key] ?? key }] });
  return {
    'mapping-collection': {
      uuid: randomUUID(),
      metadata: { title: meta.title, 'last-modified': (meta.now ?? new Date()).toISOString(), version: '1.0', 'oscal-version': '1.2.0' },
      provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'complete', 'mapping-description': 'Crosswalk exported from the AI governance portal; relationships use the NIST OLIR set.' },
      mappings: [...byPair.entries()].map(([pair, list]) => {
        const [from, to] = pair.split('|');
        return {
          uuid: randomUUID(),
          'source-resource': resource(from),
          'target-resource': resource(to),
          maps: list.map<OscalMap>((r) => ({
            uuid: randomUUID(),
            relationship: OSCAL_RELATIONSHIP[r.relationship],
            sources: [{ type: 'control', 'id-ref': r.fromRef }],
            targets: [{ type: 'control', 'id-ref': r.toRef }],
            remarks: r.rationale,
            ...(r.citation ? { props: [{ name: 'citation', value: r.citation }] } : {}),
          })),
        };
      }),
    },
  };
}

/** Reads an OSCAL mapping collection written by crosswalkOscal (or any with framework-key props or `#key` hrefs). */
export function parseCrosswalkOscal(doc: unknown): { rows: CrosswalkRow[]; problems: CrosswalkRowProblem[] } {
  const col = (doc as { 'mapping-collection'?: { mappings?: unknown } })?.['mapping-collection'];
  if (!col || !Array.isArray(col.mappings)) return { rows: [], problems: [{ row: 0, reason: 'Not an OSCAL mapping collection: "mapping-collection.mappings" is missing.' }] };
  const keyOf = (res: unknown) => {
    const r = res as { href?: string; props?: { name: string; value: string }[] } | undefined;
    return r?.props?.find((p) => p.name === 'framework-key')?.value ?? (typeof r?.href === 'string' && r.href.startsWith('#') ? r.href.slice(1) : '');
  };
  const rows: CrosswalkRow[] = [];
  const problems: CrosswalkRowProblem[] = [];
  let n = 0;
  for (const m of col.mappings as { 'source-resource'?: unknown; 'target-resource'?: unknown; maps?: OscalMap[] }[]) {
    const fromFramework = keyOf(m['source-resource']);
    const toFramework = keyOf(m['target-resource']);
    for (const x of Array.isArray(m.maps) ? m.maps : []) {
      n++;
      const relationship = FROM_OSCAL[x?.relationship];
      const rationale = typeof x?.remarks === 'string' ? x.remarks.trim() : '';
      const citation = x?.props?.find((p) => p.name === 'citation')?.value ?? null;
      const bad: string[] = [];
      if (!fromFramework || !toFramework) bad.push('the source or target resource names no framework key');
      if (!relationship) bad.push(`relationship "${String(x?.relationship)}" is not an OLIR relationship`);
      if (!rationale) bad.push('remarks (the rationale) are empty');
      if (rationale.length > 300 || (citation?.length ?? 0) > 300) bad.push('rationale or citation longer than 300 characters');
      const sources = Array.isArray(x?.sources) ? x.sources : [];
      const targets = Array.isArray(x?.targets) ? x.targets : [];
      if (!sources.length || !targets.length) bad.push('a map needs sources and targets');
      if (bad.length) {
        problems.push({ row: n, reason: bad.join('; ') });
        continue;
      }
      for (const s of sources) for (const t of targets) rows.push({ fromFramework, fromRef: String(s['id-ref']), relationship: relationship!, toFramework, toRef: String(t['id-ref']), rationale, citation });
    }
  }
  return { rows, problems };
}
