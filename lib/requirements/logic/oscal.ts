import type { Area } from '../library-schema';

export type OscalControl = { ref: string; title: string; summary: string; group: string | null; area: Area; aiSpecific: boolean };
export type OscalParse = { title: string; version: string | null; controls: OscalControl[]; problems: string[] };

type Part = { name?: unknown; prose?: unknown; parts?: unknown };
type Ctl = { id?: unknown; title?: unknown; props?: unknown; parts?: unknown; controls?: unknown };
type Group = { id?: unknown; title?: unknown; controls?: unknown; groups?: unknown };

const AREA_WORDS: [Area, RegExp][] = [
  ['PRIVACY', /privacy|personal data|consent|data subject|pii/i],
  ['MODEL_SECURITY', /model|adversarial|poison/i],
  ['DATA_SECURITY', /encrypt|cryptograph|data protection|media|backup|key management/i],
  ['MONITORING', /monitor|audit|log|incident|detect/i],
  ['TRANSPARENCY', /transparen|explain|disclos|notice/i],
  ['SECURE_DEPLOYMENT', /configuration|deploy|maintenance|system and communications|access control|identification|authentication|physical|change/i],
];

export function guessArea(text: string): Area {
  for (const [area, re] of AREA_WORDS) if (re.test(text)) return area;
  return 'GOVERNANCE';
}

function prose(parts: unknown, depth = 0): string {
  if (!Array.isArray(parts) || depth > 6) return '';
  const out: string[] = [];
  for (const p of parts as Part[]) {
    if (p && typeof p === 'object') {
      if (p.name === 'statement' || p.name === 'item' || depth > 0) {
        if (typeof p.prose === 'string') out.push(p.prose.trim());
        out.push(prose(p.parts, depth + 1));
      }
    }
  }
  return out.filter(Boolean).join(' ');
}

function label(c: Ctl): string | null {
  if (!Array.isArray(c.props)) return null;
  for (const p of c.props as { name?: unknown; value?: unknown; class?: unknown }[]) {
    if (p?.name === 'label' && typeof p.value === 'string' && p.class !== 'zero-padded') return p.value;
  }
  for (const p of c.props as { name?: unknown; value?: unknown }[]) if (p?.name === 'label' && typeof p.value === 'string') return p.value;
  return null;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Flattens an OSCAL catalog (groups → controls → nested controls and parts). Throws on a malformed document. */
export function parseOscalCatalog(doc: unknown): OscalParse {
  if (!doc || typeof doc !== 'object' || !('catalog' in doc)) throw new Error('Not an OSCAL catalog: the top-level "catalog" object is missing.');
  const catalog = (doc as { catalog: unknown }).catalog as { metadata?: { title?: unknown; version?: unknown }; groups?: unknown; controls?: unknown };
  if (!catalog || typeof catalog !== 'object') throw new Error('Not an OSCAL catalog: "catalog" is not an object.');
  const title = typeof catalog.metadata?.title === 'string' ? catalog.metadata.title : null;
  if (!title) throw new Error('Malformed OSCAL catalog: metadata.title is missing.');
  const controls: OscalControl[] = [];
  const problems: string[] = [];
  const walkControls = (list: unknown, group: string | null, path: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) throw new Error(`Malformed OSCAL catalog: ${path}.controls is not a list.`);
    (list as Ctl[]).forEach((c, i) => {
      const where = `${path}.controls[${i}]`;
      if (!c || typeof c !== 'object' || typeof c.id !== 'string' || typeof c.title !== 'string') {
        problems.push(`${where}: a control needs a string "id" and "title"`);
        return;
      }
      const ref = clip(label(c) ?? c.id.toUpperCase(), 80);
      const summary = clip(prose(c.parts) || c.title, 1000);
      const text = `${group ?? ''} ${c.title} ${summary}`;
      controls.push({ ref, title: clip(c.title.trim(), 120), summary, group: group ? clip(group, 120) : null, area: guessArea(text), aiSpecific: /\b(AI|artificial intelligence|machine learning)\b/.test(text) });
      walkControls(c.controls, group, where);
    });
  };
  const walkGroups = (list: unknown, path: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) throw new Error(`Malformed OSCAL catalog: ${path}.groups is not a list.`);
    (list as Group[]).forEach((g, i) => {
      const where = `${path}.groups[${i}]`;
      const name = typeof g?.title === 'string' ? g.title.trim() : null;
      walkControls(g?.controls, name, where);
      walkGroups(g?.groups, where);
    });
  };
  walkGroups(catalog.groups, 'catalog');
  walkControls(catalog.controls, null, 'catalog');
  const version = typeof catalog.metadata?.version === 'string' ? catalog.metadata.version : null;
  return { title: title.trim(), version, controls, problems };
}
