import 'server-only';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

// MITRE ATLAS as MITRE publishes it (prisma/seed-data/atlas/ATLAS.yaml, Apache 2.0,
// see NOTICE.md there). Read from the shipped file and kept in memory; replacing the
// file with a newer release reloads it on the next read (the file's mtime is the key).

export const ATLAS_FILE = path.join(process.cwd(), 'prisma', 'seed-data', 'atlas', 'ATLAS.yaml');

const objectSchema = z.object({ id: z.string(), name: z.string(), description: z.string().default('') });
const fileSchema = z.object({
  version: z.union([z.string(), z.number()]).transform(String),
  matrices: z
    .array(
      z.object({
        tactics: z.array(objectSchema),
        techniques: z.array(objectSchema.extend({ tactics: z.array(z.string()).optional(), 'subtechnique-of': z.string().optional() })),
        mitigations: z.array(objectSchema.extend({ techniques: z.array(z.object({ id: z.string() })).default([]) })),
      }),
    )
    .min(1),
});

export type AtlasTactic = { id: string; name: string };
export type AtlasTechnique = { id: string; name: string; parentId: string | null; tacticIds: string[]; description: string };
export type AtlasMitigation = { id: string; name: string; techniqueIds: string[] };
export type AtlasLibrary = {
  version: string;
  tactics: AtlasTactic[];
  techniques: Map<string, AtlasTechnique>;
  mitigations: Map<string, AtlasMitigation>;
};

/** Parses MITRE's ATLAS.yaml: sub-techniques take their parent's tactics. */
export function parseAtlas(text: string): AtlasLibrary {
  const file = fileSchema.parse(parse(text));
  const m = file.matrices[0];
  const techniques = new Map<string, AtlasTechnique>();
  for (const t of m.techniques) {
    techniques.set(t.id, { id: t.id, name: t.name, parentId: t['subtechnique-of'] ?? null, tacticIds: t.tactics ?? [], description: t.description.trim() });
  }
  for (const t of techniques.values()) {
    if (t.parentId && !t.tacticIds.length) t.tacticIds = techniques.get(t.parentId)?.tacticIds ?? [];
  }
  return {
    version: file.version,
    tactics: m.tactics.map((t) => ({ id: t.id, name: t.name })),
    techniques,
    mitigations: new Map(m.mitigations.map((x) => [x.id, { id: x.id, name: x.name, techniqueIds: x.techniques.map((t) => t.id) }])),
  };
}

let cached: { mtime: number; lib: AtlasLibrary } | null = null;

/** The shipped library (re-read when the file changes). */
export function atlas(): AtlasLibrary {
  const mtime = statSync(ATLAS_FILE).mtimeMs;
  if (!cached || cached.mtime !== mtime) cached = { mtime, lib: parseAtlas(readFileSync(ATLAS_FILE, 'utf8')) };
  return cached.lib;
}

/** "AML.T0051.000 LLM Prompt Injection: Direct" — a sub-technique names its parent. */
export function techniqueLabel(lib: AtlasLibrary, id: string): string {
  const t = lib.techniques.get(id);
  if (!t) return `${id} (not in ATLAS ${lib.version})`;
  const parent = t.parentId ? lib.techniques.get(t.parentId) : null;
  return `${t.id} ${parent ? `${parent.name}: ` : ''}${t.name}`;
}

export function mitigationLabel(lib: AtlasLibrary, id: string): string {
  const m = lib.mitigations.get(id);
  return m ? `${m.id} ${m.name}` : `${id} (not in ATLAS ${lib.version})`;
}
