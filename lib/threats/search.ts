import 'server-only';
import type { LookupItem, LookupQuery } from '@/lib/api/lookup';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { atlas, techniqueLabel } from './atlas';

const matches = (q: string, ...texts: string[]) => !q || texts.some((t) => t.toLowerCase().includes(q.toLowerCase()));

/** ATLAS techniques and sub-techniques by id or name, for the pickers. */
export async function searchAtlasTechniques(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'risks:read');
  const lib = atlas();
  const tactic = new Map(lib.tactics.map((t) => [t.id, t.name]));
  const out: LookupItem[] = [];
  for (const t of lib.techniques.values()) {
    const label = techniqueLabel(lib, t.id);
    if (!matches(q, label)) continue;
    out.push({ value: t.id, label, description: t.tacticIds.map((id) => tactic.get(id) ?? id).join(', ') });
    if (out.length >= limit) break;
  }
  return out;
}

/** ATLAS mitigations by id or name. */
export async function searchAtlasMitigations(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'risks:read');
  const out: LookupItem[] = [];
  for (const m of atlas().mitigations.values()) {
    if (!matches(q, m.id, m.name)) continue;
    out.push({ value: m.id, label: `${m.id} ${m.name}` });
    if (out.length >= limit) break;
  }
  return out;
}
