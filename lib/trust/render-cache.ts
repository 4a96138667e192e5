import type { TrustSnapshot } from './schema';

// Rendered public pages, per instance: the HTML (and its entity tag) is made
// once per publication. After TTL_MS an entry is checked against the
// database with one small read (is it still on, still the same
// publication?) and kept when it is, so a burst of visitors costs no
// rendering and one read per page and period. Publishing clears the cache
// here; other instances see the new publication within TTL_MS.
export const TTL_MS = 10_000;

/** `day`: the UTC date it was rendered on (a certification that lapses drops off the next day's rendering). */
export type RenderedTrustPage = { orgId: string; html: string; etag: string; publishedAt: string; day: string; snapshot: TrustSnapshot };
type Entry = { at: number; value: RenderedTrustPage | null };
const g = globalThis as { trustRendered?: Map<string, Entry> };
const cache = (g.trustRendered ??= new Map());

/** The entry while it is fresh; undefined when absent or due for a check. */
export function cachedRender(slug: string, now = Date.now()): Entry['value'] | undefined {
  const hit = cache.get(slug);
  return hit && now - hit.at < TTL_MS ? hit.value : undefined;
}

/** The last rendering of a page, however old (for the freshness check). */
export function lastRender(slug: string): RenderedTrustPage | null {
  return cache.get(slug)?.value ?? null;
}

export function storeRender(slug: string, value: Entry['value'], now = Date.now()): void {
  if (cache.size > 1000) cache.clear();
  cache.set(slug, { at: now, value });
}

export function forgetRendered(): void {
  cache.clear();
}
