import type { TrustSnapshot } from './schema';

// Rendered public pages, kept per instance for a short while so a burst of
// visitors costs one database read per page and period. Publishing clears it
// here; other instances pick the new snapshot up within TTL_MS.
export const TTL_MS = 10_000;

type Entry = { at: number; value: { orgId: string; html: string; snapshot: TrustSnapshot } | null };
const g = globalThis as { trustRendered?: Map<string, Entry> };
const cache = (g.trustRendered ??= new Map());

export function cachedRender(slug: string, now = Date.now()): Entry['value'] | undefined {
  const hit = cache.get(slug);
  return hit && now - hit.at < TTL_MS ? hit.value : undefined;
}

export function storeRender(slug: string, value: Entry['value'], now = Date.now()): void {
  if (cache.size > 1000) cache.clear();
  cache.set(slug, { at: now, value });
}

export function forgetRendered(): void {
  cache.clear();
}
