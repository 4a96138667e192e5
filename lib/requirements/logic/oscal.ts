import { REQUIREMENT_TITLE_MAX, type Area } from '../library-schema';

// OSCAL catalogs and profiles → requirements, keeping the text as the
// publisher renders it: parameters filled in, item labels and nesting kept,
// nothing cut. Pure (no database); unit-tested in oscal.test.ts.

/** One statement part: its label ("a.", "1.", "(a)"), its text with parameters rendered, and its sub-items. */
export type StatementNode = { label: string | null; text: string; items: StatementNode[] };
export type OscalControl = { id: string; ref: string; title: string; summary: string; statement: StatementNode | null; group: string | null; area: Area; aiSpecific: boolean };
export type OscalSource = { title: string; version: string | null; jurisdiction: string | null; publisher: string | null; lastModified: string | null };
export type OscalParse = OscalSource & {
  kind: 'catalog' | 'profile';
  /** The file(s) the requirements came from, for the framework's source reference. */
  sourceRef: string;
  controls: OscalControl[];
  /** Problems that make the import invalid (a selected control missing from the catalog, a malformed control). */
  problems: string[];
  /** Things the import did not apply, said in the preview (e.g. a profile's alterations). */
  notes: string[];
};
export type OscalFile = { fileName: string; text: string };

export { OSCAL_IMPORT_MAX_BYTES } from '../schema/labels';
/** A real catalog nests about a dozen levels (NIST SP 800-53: 9); deeper files are refused before parsing. */
export const OSCAL_MAX_DEPTH = 64;
export const OSCAL_MAX_CONTROLS = 10_000;
/** Longest statement kept for one control (SP 800-53's longest is about 3,000 characters). */
export const OSCAL_MAX_STATEMENT = 50_000;

/** A stored statement read back from the database, or null when it is not one. */
export function asStatement(json: unknown): StatementNode | null {
  const ok = (n: unknown): n is StatementNode =>
    Boolean(n) && typeof n === 'object' && typeof (n as StatementNode).text === 'string' && Array.isArray((n as StatementNode).items) && (n as StatementNode).items.every(ok);
  return ok(json) ? json : null;
}
const MAX_PROFILE_CHAIN = 5;

/** Thrown for a file the import refuses; the import maps it to a 422 with this message. */
export class OscalError extends Error {}

/** The deepest nesting of objects and arrays in a JSON text, counted without parsing (so without recursion). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

function parseJson(file: OscalFile): unknown {
  const depth = jsonDepth(file.text);
  if (depth > OSCAL_MAX_DEPTH) {
    throw new OscalError(`${file.fileName} is nested ${depth.toLocaleString('en')} levels deep; an OSCAL file may nest at most ${OSCAL_MAX_DEPTH} levels. Nothing was imported.`);
  }
  try {
    return JSON.parse(file.text);
  } catch (e) {
    throw new OscalError(`The OSCAL file ${file.fileName} is not valid JSON: ${(e as Error).message}`);
  }
}

// ---------- parameters ----------

type Prop = { name?: unknown; value?: unknown; class?: unknown };
type Param = { id?: unknown; label?: unknown; props?: unknown; values?: unknown; select?: { 'how-many'?: unknown; choice?: unknown } };
type Part = { id?: unknown; name?: unknown; prose?: unknown; props?: unknown; parts?: unknown };
type Ctl = { id?: unknown; title?: unknown; props?: unknown; params?: unknown; parts?: unknown; controls?: unknown };
type Group = { id?: unknown; title?: unknown; controls?: unknown; groups?: unknown; params?: unknown };

const props = (x: { props?: unknown }): Prop[] => (Array.isArray(x.props) ? (x.props as Prop[]).filter((p) => p && typeof p === 'object') : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const INSERT = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g;

/**
 * NIST's rendering of an organization-defined parameter: its set value;
 * else a selection of its choices; else "[Assignment: organization-defined
 * <label>]", where SP 800-53 gives the printed wording as the "alt-label".
 */
function renderParam(params: Map<string, Param>, id: string, depth: number): string {
  const p = params.get(id);
  if (!p || depth > 8) return `[Assignment: organization-defined ${id}]`;
  const values = Array.isArray(p.values) ? p.values.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
  if (values.length) return values.map((v) => renderInline(params, v, depth + 1)).join(', ');
  const choices = Array.isArray(p.select?.choice) ? (p.select.choice as unknown[]).filter((c): c is string => typeof c === 'string') : null;
  if (choices) {
    const many = p.select?.['how-many'] === 'one-or-more' ? ' (one or more)' : '';
    return `[Selection${many}: ${choices.map((c) => renderInline(params, c, depth + 1)).join('; ')}]`;
  }
  const alt = props(p).find((x) => x.name === 'alt-label' && typeof x.value === 'string');
  const label = (str(alt?.value) ?? str(p.label) ?? id).trim();
  return `[Assignment: ${/^organi[sz]ation-defined\b/i.test(label) ? '' : 'organization-defined '}${label}]`;
}

/** Prose with every parameter insertion rendered, spaces collapsed, paragraphs kept. */
function renderInline(params: Map<string, Param>, prose: string, depth = 0): string {
  // NIST's prose sometimes has a space between an insertion and the punctuation after it; the printed text has none.
  const filled = prose.replace(INSERT, (_, id: string) => renderParam(params, id, depth)).replace(/\] +([;,.:])/g, ']$1');
  return filled
    .split(/\n\s*\n/)
    .map((para) => para.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

function collectParams(list: unknown, into: Map<string, Param>) {
  if (!Array.isArray(list)) return;
  for (const p of list as Param[]) if (p && typeof p === 'object' && typeof p.id === 'string') into.set(p.id, p);
}

// ---------- statements ----------

const NOT_STATEMENT = /^(guidance|assessment|assessment-method|assessment-objective|objective|overview)$/;

function partLabel(p: Part): string | null {
  const l = props(p).find((x) => x.name === 'label' && typeof x.value === 'string' && (x.class === undefined || x.class === 'sp800-53'));
  return str(l?.value)?.trim() ?? null;
}

function statementNode(part: Part, params: Map<string, Param>, depth: number): StatementNode {
  const items = Array.isArray(part.parts)
    ? (part.parts as Part[]).filter((p) => p && typeof p === 'object' && !NOT_STATEMENT.test(String(p.name ?? ''))).map((p) => statementNode(p, params, depth + 1))
    : [];
  return { label: depth === 0 ? null : partLabel(part), text: typeof part.prose === 'string' ? renderInline(params, part.prose) : '', items };
}

/** The statement as plain text: one line per item, "label text", indented two spaces per level. */
export function statementText(node: StatementNode): string {
  const lines: string[] = [];
  const walk = (n: StatementNode, level: number) => {
    const text = [n.label, n.text].filter(Boolean).join(' ');
    if (text) lines.push(`${'  '.repeat(level)}${text.replace(/\n\n/g, `\n${'  '.repeat(level)}`)}`);
    for (const c of n.items) walk(c, text ? level + 1 : level);
  };
  walk(node, 0);
  return lines.join('\n');
}

// ---------- areas ----------

// The area follows the control's OSCAL group (the family), never the control's own words.
const GROUP_AREAS: [Area, RegExp][] = [
  ['PRIVACY', /privacy|personally identifiable|personal data|\bpii\b|consent/i],
  ['MODEL_SECURITY', /\bmodels?\b|adversarial|poison|machine learning|artificial intelligence|\bAI\b/],
  ['TRANSPARENCY', /transparen|explainab|disclosure/i],
  ['MONITORING', /audit|accountab|incident|monitor|integrity|detect|logging/i],
  ['DATA_SECURITY', /media|cryptograph|encrypt|communications protection|data protection|backup|contingency|asset/i],
  ['SECURE_DEPLOYMENT', /access|identification|authentication|configuration|maintenance|physical|deploy|change|operations/i],
];

export function areaOfGroup(title: string | null, parent: Area | null): Area {
  if (title) for (const [area, re] of GROUP_AREAS) if (re.test(title)) return area;
  return parent ?? 'GOVERNANCE';
}

// ---------- metadata ----------

type Party = { uuid?: unknown; type?: unknown; name?: unknown; addresses?: unknown };
type Metadata = { title?: unknown; version?: unknown; 'last-modified'?: unknown; parties?: unknown; 'responsible-parties'?: unknown; props?: unknown };

/** OSCAL titles are Markdown lines: drop the emphasis marks. */
const plainTitle = (s: string) => s.replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2').replace(/\s+/g, ' ').trim();

function source(meta: Metadata | undefined, what: string): OscalSource {
  const title = str(meta?.title);
  if (!title) throw new OscalError(`Malformed OSCAL ${what}: metadata.title is missing.`);
  const parties = Array.isArray(meta?.parties) ? (meta.parties as Party[]).filter((p) => p && typeof p === 'object') : [];
  const responsible = Array.isArray(meta?.['responsible-parties']) ? (meta['responsible-parties'] as { 'role-id'?: unknown; 'party-uuids'?: unknown }[]) : [];
  const uuidsFor = (role: string) => responsible.filter((r) => r?.['role-id'] === role).flatMap((r) => (Array.isArray(r['party-uuids']) ? r['party-uuids'] : []));
  const ranked = [...uuidsFor('creator'), ...uuidsFor('publisher'), ...uuidsFor('contact')];
  const byUuid = new Map(parties.map((p) => [p.uuid, p]));
  const candidates = [...ranked.map((u) => byUuid.get(u)).filter((p): p is Party => Boolean(p)), ...parties.filter((p) => p.type === 'organization')];
  const publisher = candidates.find((p) => str(p.name));
  const jurisdictionProp = props(meta ?? {}).find((p) => p.name === 'jurisdiction');
  return {
    title: plainTitle(title),
    version: str(meta?.version)?.trim() ?? null,
    lastModified: str(meta?.['last-modified']),
    publisher: publisher ? String(publisher.name).trim() : null,
    jurisdiction: str(jurisdictionProp?.value)?.trim() ?? jurisdictionOf(candidates),
  };
}

/**
 * Where the publisher sits, from its postal address: the ISO country code
 * when given; a US state with a ZIP code counts as "US" (NIST's catalogs
 * give Gaithersburg, MD 20899 without a country).
 */
function jurisdictionOf(parties: Party[]): string | null {
  for (const p of parties) {
    const addresses = Array.isArray(p.addresses) ? (p.addresses as { country?: unknown; state?: unknown; 'postal-code'?: unknown }[]) : [];
    for (const a of addresses) {
      const country = str(a?.country)?.trim().toUpperCase();
      if (country && /^[A-Z]{2}$/.test(country)) return country;
      if (str(a?.state) && /^\d{5}(-\d{4})?$/.test(String(a?.['postal-code'] ?? ''))) return 'US';
    }
  }
  return null;
}

// ---------- catalogs ----------

type IndexedControl = { ctl: Ctl; group: string | null; area: Area; parentId: string | null; childIds: string[] };
type Catalog = { source: OscalSource; fileName: string; order: string[]; byId: Map<string, IndexedControl>; params: Map<string, Param>; problems: string[] };

function controlRef(c: Ctl, id: string): string {
  const labels = props(c).filter((p) => p.name === 'label' && typeof p.value === 'string');
  const plain = labels.find((p) => p.class === undefined) ?? labels.find((p) => p.class !== 'zero-padded' && p.class !== 'sp800-53a') ?? labels[0];
  return (str(plain?.value) ?? id.toUpperCase()).trim();
}

function indexCatalog(doc: unknown, fileName: string): Catalog {
  const catalog = (doc as { catalog?: unknown }).catalog as { metadata?: Metadata; groups?: unknown; controls?: unknown; params?: unknown } | undefined;
  if (!catalog || typeof catalog !== 'object') throw new OscalError(`Not an OSCAL catalog: "catalog" in ${fileName} is not an object.`);
  const src = source(catalog.metadata, 'catalog');
  const out: Catalog = { source: src, fileName, order: [], byId: new Map(), params: new Map(), problems: [] };
  collectParams(catalog.params, out.params);
  const walkControls = (list: unknown, group: string | null, area: Area, parentId: string | null, path: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) throw new OscalError(`Malformed OSCAL catalog: ${path}.controls is not a list.`);
    (list as Ctl[]).forEach((c, i) => {
      const where = `${path}.controls[${i}]`;
      if (!c || typeof c !== 'object' || typeof c.id !== 'string' || typeof c.title !== 'string') {
        out.problems.push(`${where}: a control needs a string "id" and "title"`);
        return;
      }
      if (out.byId.size >= OSCAL_MAX_CONTROLS) throw new OscalError(`The catalog has more than ${OSCAL_MAX_CONTROLS.toLocaleString('en')} controls; import it in parts.`);
      collectParams(c.params, out.params);
      out.byId.set(c.id, { ctl: c, group, area, parentId, childIds: [] });
      if (parentId) out.byId.get(parentId)?.childIds.push(c.id);
      out.order.push(c.id);
      walkControls(c.controls, group, area, c.id, where);
    });
  };
  const walkGroups = (list: unknown, parentArea: Area | null, path: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) throw new OscalError(`Malformed OSCAL catalog: ${path}.groups is not a list.`);
    (list as Group[]).forEach((g, i) => {
      const where = `${path}.groups[${i}]`;
      const name = typeof g?.title === 'string' ? plainTitle(g.title) : null;
      const area = areaOfGroup(name, parentArea);
      collectParams(g?.params, out.params);
      walkControls(g?.controls, name, area, null, where);
      walkGroups(g?.groups, area, where);
    });
  };
  walkControls(catalog.controls, null, 'GOVERNANCE', null, 'catalog');
  walkGroups(catalog.groups, null, 'catalog');
  return out;
}

const withdrawn = (c: Ctl) => props(c).some((p) => p.name === 'status' && p.value === 'withdrawn');

function toRequirement(cat: Catalog, id: string, params: Map<string, Param>): OscalControl | string {
  const { ctl, group, area } = cat.byId.get(id)!;
  const title = plainTitle(String(ctl.title));
  const ref = controlRef(ctl, id);
  if (ref.length > 80) return `${ref.slice(0, 40)}…: the control's label is longer than 80 characters`;
  if (title.length > REQUIREMENT_TITLE_MAX) return `${ref}: the title is longer than ${REQUIREMENT_TITLE_MAX} characters`;
  const parts = Array.isArray(ctl.parts) ? (ctl.parts as Part[]) : [];
  const stmt = parts.find((p) => p && p.name === 'statement');
  const statement = stmt ? statementNode(stmt, params, 0) : null;
  const summary = (statement ? statementText(statement) : '') || title;
  if (summary.length > OSCAL_MAX_STATEMENT) return `${ref}: the statement is ${summary.length.toLocaleString('en')} characters; at most ${OSCAL_MAX_STATEMENT.toLocaleString('en')} are kept per requirement`;
  const text = `${title} ${summary}`;
  return { id, ref, title, summary, statement, group: group ? group.slice(0, 120) : null, area, aiSpecific: /\b(AI|artificial intelligence|machine learning)\b/.test(text) };
}

function catalogControls(cat: Catalog, ids: string[], params: Map<string, Param>, problems: string[]): OscalControl[] {
  const out: OscalControl[] = [];
  for (const id of ids) {
    if (withdrawn(cat.byId.get(id)!.ctl)) continue;
    const r = toRequirement(cat, id, params);
    if (typeof r === 'string') problems.push(r);
    else out.push(r);
  }
  return out;
}

// ---------- profiles ----------

type Selector = { 'with-ids'?: unknown; matching?: unknown; 'with-child-controls'?: unknown };
type Import = { href?: unknown; 'include-all'?: unknown; 'include-controls'?: unknown; 'exclude-controls'?: unknown };
type Profile = {
  metadata?: Metadata;
  imports?: unknown;
  modify?: { 'set-parameters'?: unknown; alters?: unknown };
  'back-matter'?: { resources?: { uuid?: unknown; title?: unknown; rlinks?: { href?: unknown }[] }[] };
};
type Parsed = { fileName: string; doc: unknown };
type Resolved = { cat: Catalog; ids: string[]; params: Map<string, Param> };

const baseName = (href: string) => href.split(/[?#]/)[0].split('/').pop()!.toLowerCase();
const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

function selected(cat: Catalog, selectors: unknown, problems: string[], what: string): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(selectors)) return out;
  const addWithChildren = (id: string) => {
    out.add(id);
    for (const c of cat.byId.get(id)?.childIds ?? []) addWithChildren(c);
  };
  for (const s of selectors as Selector[]) {
    const children = s?.['with-child-controls'] === 'yes';
    const add = (id: string) => (children ? addWithChildren(id) : out.add(id));
    for (const id of Array.isArray(s?.['with-ids']) ? (s['with-ids'] as unknown[]) : []) {
      if (typeof id !== 'string') continue;
      if (cat.byId.has(id)) add(id);
      else problems.push(`The profile ${what} "${id}", which is not in ${cat.fileName}`);
    }
    for (const m of Array.isArray(s?.matching) ? (s.matching as { pattern?: unknown }[]) : []) {
      if (typeof m?.pattern !== 'string') continue;
      const re = glob(m.pattern);
      for (const id of cat.order) if (re.test(id)) add(id);
    }
  }
  return out;
}

function findImported(profile: Profile, href: string, pool: Parsed[], self: string): Parsed | null {
  const others = pool.filter((p) => p.fileName !== self);
  let names = [href];
  if (href.startsWith('#')) {
    const res = (profile['back-matter']?.resources ?? []).find((r) => r?.uuid === href.slice(1));
    names = (res?.rlinks ?? []).map((l) => (typeof l?.href === 'string' ? l.href : '')).filter(Boolean);
    // An OSCAL document is also addressed by its own uuid.
    const byUuid = others.find((p) => Object.values(p.doc as Record<string, { uuid?: unknown }>)[0]?.uuid === href.slice(1));
    if (byUuid) return byUuid;
  }
  const wanted = new Set(names.flatMap((n) => [baseName(n), baseName(n).replace(/\.(xml|ya?ml)$/, '.json')]));
  const byName = others.find((p) => wanted.has(p.fileName.toLowerCase()) || wanted.has(p.fileName.toLowerCase().replace(/-min\.json$/, '.json')));
  if (byName) return byName;
  // One catalog uploaded beside the profile is the one it means.
  const catalogs = others.filter((p) => 'catalog' in (p.doc as object));
  return catalogs.length === 1 && others.length === 1 ? catalogs[0] : null;
}

function resolveProfile(file: Parsed, pool: Parsed[], problems: string[], notes: string[], chain: string[]): Resolved {
  if (chain.length > MAX_PROFILE_CHAIN) throw new OscalError(`The profiles import each other more than ${MAX_PROFILE_CHAIN} levels deep (${chain.join(' → ')}).`);
  if (chain.includes(file.fileName)) throw new OscalError(`The profiles import each other in a circle (${[...chain, file.fileName].join(' → ')}).`);
  const profile = (file.doc as { profile: Profile }).profile;
  if (!profile || typeof profile !== 'object') throw new OscalError(`Not an OSCAL profile: "profile" in ${file.fileName} is not an object.`);
  const imports = Array.isArray(profile.imports) ? (profile.imports as Import[]) : [];
  if (!imports.length) throw new OscalError(`The profile ${file.fileName} imports nothing (profile.imports is empty).`);
  let result: Resolved | null = null;
  for (const imp of imports) {
    const href = typeof imp?.href === 'string' ? imp.href : '';
    const target = findImported(profile, href, pool, file.fileName);
    if (!target) throw new OscalError(`The profile ${file.fileName} imports "${href}"; upload that catalog in the same import (choose both files).`);
    const base: Resolved =
      'profile' in (target.doc as object)
        ? resolveProfile(target, pool, problems, notes, [...chain, file.fileName])
        : (() => {
            const cat = indexCatalog(target.doc, target.fileName);
            problems.push(...cat.problems);
            return { cat, ids: cat.order, params: cat.params };
          })();
    if (result && result.cat !== base.cat && result.cat.fileName !== base.cat.fileName) throw new OscalError(`The profile ${file.fileName} imports more than one catalog; one catalog per import is supported.`);
    const available = new Set(base.ids);
    const include = imp['include-all'] !== undefined ? new Set(base.ids) : selected(base.cat, imp['include-controls'], problems, 'selects');
    const exclude = selected(base.cat, imp['exclude-controls'], [], 'excludes');
    const ids = base.ids.filter((id) => include.has(id) && !exclude.has(id) && available.has(id));
    const earlier: string[] = result ? result.ids : [];
    const merged = new Set<string>([...earlier, ...ids]);
    const next: Resolved = { cat: base.cat, ids: base.cat.order.filter((id) => merged.has(id)), params: new Map(base.params) };
    result = next;
  }
  const params = result!.params;
  const sets = Array.isArray(profile.modify?.['set-parameters']) ? (profile.modify['set-parameters'] as (Param & { 'param-id'?: unknown })[]) : [];
  for (const s of sets) {
    if (typeof s?.['param-id'] !== 'string') continue;
    const id = s['param-id'];
    const before = params.get(id) ?? { id };
    params.set(id, { ...before, ...(s.label !== undefined ? { label: s.label } : {}), ...(s.values !== undefined ? { values: s.values } : {}), ...(s.select !== undefined ? { select: s.select } : {}), ...(s.props !== undefined ? { props: s.props } : {}) });
  }
  const alters = Array.isArray(profile.modify?.alters) ? profile.modify.alters.length : 0;
  if (alters) notes.push(`${file.fileName}: ${alters} alteration${alters > 1 ? 's' : ''} (modify.alters) of control text are not applied; the catalog's statements are imported as they are.`);
  return { ...result!, params };
}

/**
 * Reads an upload of one OSCAL catalog, or a profile with the catalog (or
 * profiles) it imports. Throws OscalError for a file it refuses as a whole.
 */
export function parseOscalUpload(files: OscalFile[], check?: (doc: unknown, fileName: string) => void): OscalParse {
  const parsed: Parsed[] = files.map((f) => {
    const doc = parseJson(f);
    check?.(doc, f.fileName);
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new OscalError(`${f.fileName} is not an OSCAL document (a JSON object).`);
    if (!('catalog' in doc) && !('profile' in doc)) throw new OscalError(`Not an OSCAL catalog or profile: the top-level "catalog" or "profile" object is missing in ${f.fileName}.`);
    return { fileName: f.fileName, doc };
  });
  const profiles = parsed.filter((p) => 'profile' in (p.doc as object));
  const problems: string[] = [];
  const notes: string[] = [];
  if (!profiles.length) {
    if (parsed.length > 1) throw new OscalError(`Upload one catalog at a time, or a profile together with the catalog it imports (got ${parsed.length} catalogs).`);
    const cat = indexCatalog(parsed[0].doc, parsed[0].fileName);
    problems.push(...cat.problems);
    const controls = catalogControls(cat, cat.order, cat.params, problems);
    return { kind: 'catalog', ...cat.source, sourceRef: sourceRefOf(cat.source, cat.fileName), controls, problems, notes };
  }
  // The profile to import is the one no other uploaded profile imports.
  const imported = new Set(profiles.flatMap((p) => ((p.doc as { profile: Profile }).profile?.imports as Import[] | undefined ?? []).map((i) => (typeof i?.href === 'string' ? baseName(i.href) : ''))));
  const tops = profiles.filter((p) => !imported.has(p.fileName.toLowerCase()));
  if (tops.length !== 1) throw new OscalError(`Upload one profile (with its catalog) at a time; found ${profiles.length} profiles: ${profiles.map((p) => p.fileName).join(', ')}.`);
  const top = tops[0];
  const meta = source((top.doc as { profile: Profile }).profile?.metadata, 'profile');
  const resolved = resolveProfile(top, parsed, problems, notes, []);
  const controls = catalogControls(resolved.cat, resolved.ids, resolved.params, problems);
  return {
    kind: 'profile',
    ...meta,
    jurisdiction: meta.jurisdiction ?? resolved.cat.source.jurisdiction,
    publisher: meta.publisher ?? resolved.cat.source.publisher,
    sourceRef: `${sourceRefOf(meta, top.fileName)}, resolved against ${sourceRefOf(resolved.cat.source, resolved.cat.fileName)}`,
    controls,
    problems,
    notes,
  };
}

function sourceRefOf(s: OscalSource, fileName: string): string {
  return [`${s.title}${s.version ? ` (version ${s.version})` : ''}`, s.publisher, s.lastModified ? `last modified ${s.lastModified.slice(0, 10)}` : null, `OSCAL file ${fileName}`].filter(Boolean).join(', ');
}
