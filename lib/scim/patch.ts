import { ScimError } from './protocol';

// RFC 7644 §3.5.2 PATCH, applied to a resource's plain SCIM document; the
// result is then validated and stored like a PUT. Attribute names and the op
// are case-insensitive (Microsoft Entra sends "Replace", Okta "replace").

export type Attr = { name: string; multi?: boolean; subs?: readonly string[]; readOnly?: boolean };
export type AttrTable = readonly Attr[];
type Doc = Record<string, unknown>;
type Op = { op: 'add' | 'replace' | 'remove'; path?: string; value?: unknown };

const PATH = /^([A-Za-z][\w$-]*)(?:\[\s*([A-Za-z][\w$-]*)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false|-?\d+(?:\.\d+)?)\s*\])?(?:\.([A-Za-z][\w$-]*))?$/i;

export type ParsedPath = { attr: Attr; filter?: { sub: string; value: unknown }; sub?: string } | { ignored: string };

function canonical(list: readonly string[] | undefined, name: string): string | undefined {
  return list?.find((n) => n.toLowerCase() === name.toLowerCase());
}

/**
 * `attr`, `attr.sub`, `attr[sub eq "v"]`, `attr[sub eq "v"].sub`, each with an
 * optional schema URN in front. An attribute of a schema this portal does not
 * keep (the enterprise extension, phone numbers, titles) is ignored, so an
 * identity provider's default mapping does not fail the whole request.
 */
export function parsePath(raw: string, table: AttrTable, coreUrn: string): ParsedPath {
  let path = raw.trim();
  if (path.toLowerCase().startsWith(`${coreUrn.toLowerCase()}:`)) path = path.slice(coreUrn.length + 1);
  else if (path.toLowerCase().startsWith('urn:')) return { ignored: raw };
  const m = PATH.exec(path);
  if (!m) throw new ScimError(400, `The path "${raw}" is not a path this service provider understands.`, 'invalidPath');
  const attr = table.find((a) => a.name.toLowerCase() === m[1].toLowerCase());
  if (!attr) return { ignored: raw };
  let filter: { sub: string; value: unknown } | undefined;
  if (m[2]) {
    if (!attr.multi) throw new ScimError(400, `"${attr.name}" is not multi-valued; it cannot be filtered.`, 'invalidPath');
    const sub = canonical(attr.subs, m[2]);
    if (!sub) throw new ScimError(400, `"${attr.name}" has no sub-attribute "${m[2]}".`, 'invalidPath');
    filter = { sub, value: m[3].startsWith('"') ? JSON.parse(m[3]) : JSON.parse(m[3].toLowerCase()) };
  }
  let sub: string | undefined;
  if (m[4]) {
    sub = canonical(attr.subs, m[4]);
    if (!sub) return { ignored: raw };
  }
  return { attr, filter, sub };
}

function normaliseOp(raw: unknown): Op {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ScimError(400, 'Each operation must be an object with "op".', 'invalidSyntax');
  const o = raw as Record<string, unknown>;
  const op = typeof o.op === 'string' ? o.op.toLowerCase() : '';
  if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError(400, `Unknown PATCH op "${String(o.op)}": use add, replace or remove.`, 'invalidSyntax');
  if (o.path !== undefined && typeof o.path !== 'string') throw new ScimError(400, '"path" must be a string.', 'invalidPath');
  if (op === 'remove' && !o.path) throw new ScimError(400, 'A remove operation needs a path.', 'noTarget');
  if (op !== 'remove' && o.value === undefined) throw new ScimError(400, `An ${op} operation needs a value.`, 'invalidValue');
  return { op, path: o.path as string | undefined, value: o.value };
}

function matches(el: unknown, filter: { sub: string; value: unknown }): boolean {
  if (!el || typeof el !== 'object') return false;
  const v = (el as Doc)[filter.sub];
  return typeof v === 'string' && typeof filter.value === 'string' ? v.toLowerCase() === filter.value.toLowerCase() : v === filter.value;
}

/** Keys of an object value re-cased to the table's names; unknown keys dropped. */
function recase(value: unknown, subs: readonly string[] | undefined): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !subs) return value;
  const out: Doc = {};
  for (const [k, v] of Object.entries(value as Doc)) {
    const name = canonical(subs, k);
    if (name) out[name] = v;
  }
  return out;
}

function sameMember(a: unknown, b: unknown, attr: Attr): boolean {
  const key = attr.subs?.includes('value') ? 'value' : null;
  if (!key) return JSON.stringify(a) === JSON.stringify(b);
  return Boolean(a && b && typeof a === 'object' && typeof b === 'object' && (a as Doc)[key] === (b as Doc)[key]);
}

/** Extension schemas this resource keeps (URN → attributes), stored in the document under their URN. */
export type Extensions = Readonly<Record<string, AttrTable>>;

const extensionOf = (key: string, extensions: Extensions) => Object.keys(extensions).find((urn) => key.toLowerCase() === urn.toLowerCase() || key.toLowerCase().startsWith(`${urn.toLowerCase()}:`));

/** An operation on an extension attribute, applied inside the document's object for that URN (Entra: path `urn…:User:manager`; Okta: a value keyed by the URN). */
function applyInExtension(doc: Doc, urn: string, op: Op, extensions: Extensions, ignored: string[]) {
  const sub = (doc[urn] && typeof doc[urn] === 'object' ? { ...(doc[urn] as Doc) } : {}) as Doc;
  const rest = op.path!.slice(urn.length + 1);
  if (!rest) {
    if (op.op === 'remove') delete doc[urn];
    else applyOne(sub, { op: op.op, value: op.value }, extensions[urn], urn, ignored, {});
  } else applyOne(sub, { ...op, path: rest }, extensions[urn], urn, ignored, {});
  if (op.path === urn && op.op === 'remove') return;
  if (Object.keys(sub).length) doc[urn] = sub;
  else delete doc[urn];
}

function applyOne(doc: Doc, op: Op, table: AttrTable, coreUrn: string, ignored: string[], extensions: Extensions) {
  const ext = op.path ? extensionOf(op.path, extensions) : undefined;
  if (ext) return applyInExtension(doc, ext, { ...op, path: op.path!.length === ext.length ? ext : `${ext}:${op.path!.slice(ext.length + 1)}` }, extensions, ignored);
  if (!op.path) {
    if (op.op === 'remove') throw new ScimError(400, 'A remove operation needs a path.', 'noTarget');
    if (!op.value || typeof op.value !== 'object' || Array.isArray(op.value)) throw new ScimError(400, 'Without a path, the value must be an object of attributes.', 'invalidValue');
    // Each key is a path of its own (Entra sends keys such as "name.givenName").
    for (const [key, value] of Object.entries(op.value as Doc)) {
      if (key.toLowerCase() === 'id' || key.toLowerCase() === 'schemas' || key.toLowerCase() === 'meta') continue;
      if (key.toLowerCase().startsWith('urn:') && value && typeof value === 'object' && !Array.isArray(value) && !key.toLowerCase().startsWith(`${coreUrn.toLowerCase()}:`) && !extensionOf(key, extensions)) {
        ignored.push(key);
        continue;
      }
      applyOne(doc, { op: op.op, path: key, value }, table, coreUrn, ignored, extensions);
    }
    return;
  }
  const parsed = parsePath(op.path, table, coreUrn);
  if ('ignored' in parsed) {
    ignored.push(parsed.ignored);
    return;
  }
  const { attr, filter, sub } = parsed;
  if (attr.readOnly) throw new ScimError(400, `"${attr.name}" is read-only.`, 'mutability');
  const name = attr.name;

  if (!attr.multi) {
    if (sub) {
      const current = (doc[name] && typeof doc[name] === 'object' ? { ...(doc[name] as Doc) } : {}) as Doc;
      if (op.op === 'remove') delete current[sub];
      else current[sub] = op.value;
      doc[name] = current;
    } else if (op.op === 'remove') delete doc[name];
    else if (attr.subs && op.value && typeof op.value === 'object' && !Array.isArray(op.value)) {
      // A complex attribute: add merges its sub-attributes, replace sets them all.
      const incoming = recase(op.value, attr.subs) as Doc;
      doc[name] = op.op === 'add' ? { ...((doc[name] as Doc) ?? {}), ...incoming } : incoming;
    } else doc[name] = op.value;
    return;
  }

  const list = Array.isArray(doc[name]) ? [...(doc[name] as unknown[])] : [];
  const incoming = (Array.isArray(op.value) ? op.value : op.value === undefined ? [] : [op.value]).map((v) => recase(v, attr.subs));
  if (filter) {
    const hit = list.filter((el) => matches(el, filter));
    if (op.op === 'remove') {
      doc[name] = sub ? list.map((el) => (matches(el, filter) ? (({ [sub]: _, ...rest }) => rest)(el as Doc) : el)) : list.filter((el) => !matches(el, filter));
      return;
    }
    if (!hit.length) {
      // Entra adds emails[type eq "work"].value to a user with no work address yet.
      if (!sub && op.op === 'replace') throw new ScimError(400, `No value of "${name}" matches the filter in "${op.path}".`, 'noTarget');
      list.push(sub ? { [filter.sub]: filter.value, [sub]: op.value } : { ...(incoming[0] as Doc), [filter.sub]: filter.value });
      doc[name] = list;
      return;
    }
    doc[name] = list.map((el) => (!matches(el, filter) ? el : sub ? { ...(el as Doc), [sub]: op.value } : { ...(el as Doc), ...(incoming[0] as Doc) }));
    return;
  }
  if (sub) {
    // "emails.value" without a filter: the primary value, or the only one.
    const i = Math.max(0, list.findIndex((el) => (el as Doc)?.primary === true));
    if (op.op === 'remove') {
      if (list[i]) list[i] = (({ [sub]: _, ...rest }) => rest)(list[i] as Doc);
    } else list[i] = { ...((list[i] as Doc) ?? {}), [sub]: op.value };
    doc[name] = list;
    return;
  }
  if (op.op === 'replace') doc[name] = incoming;
  else if (op.op === 'add') doc[name] = [...list, ...incoming.filter((v) => !list.some((el) => sameMember(el, v, attr)))];
  else doc[name] = incoming.length ? list.filter((el) => !incoming.some((v) => sameMember(el, v, attr))) : [];
}

/** The document after every operation, in order, and the paths that were ignored. */
export function applyPatch(doc: Doc, body: unknown, table: AttrTable, coreUrn: string, extensions: Extensions = {}): { doc: Doc; ignored: string[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ScimError(400, 'The PATCH body must be a PatchOp object.', 'invalidSyntax');
  const b = body as Record<string, unknown>;
  const schemas = Array.isArray(b.schemas) ? b.schemas : [];
  if (!schemas.includes('urn:ietf:params:scim:api:messages:2.0:PatchOp')) throw new ScimError(400, 'The PATCH body must name the PatchOp schema.', 'invalidSyntax');
  const ops = b.Operations ?? b.operations;
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimError(400, '"Operations" must be a non-empty list.', 'invalidSyntax');
  if (ops.length > 1000) throw new ScimError(400, 'At most 1,000 operations per request.', 'tooMany');
  const next = structuredClone(doc);
  const ignored: string[] = [];
  for (const raw of ops) applyOne(next, normaliseOp(raw), table, coreUrn, ignored, extensions);
  return { doc: next, ignored };
}
