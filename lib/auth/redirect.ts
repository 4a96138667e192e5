// Where to send someone after sign-in (or any redirect whose target came
// from input). The target is parsed as a browser would parse it, relative to
// the portal's own origin, so `/\evil.example`, a tab or newline inside
// `//evil.example` and absolute URLs of other sites all resolve to a foreign
// origin and are refused.

const FALLBACK_ORIGIN = 'http://portal.invalid';

/**
 * A same-origin path (with query and fragment) for `value`, or `fallback`
 * when it would leave `origin` or is not a usable target. `origin` is the
 * portal's public origin; without one an absolute URL is never accepted.
 */
export function safeRedirectPath(value: unknown, origin?: string | null, fallback = '/'): string {
  if (typeof value !== 'string' || value === '' || value.length > 2048) return fallback;
  let base: URL;
  try {
    base = new URL(origin || FALLBACK_ORIGIN);
  } catch {
    base = new URL(FALLBACK_ORIGIN);
  }
  let target: URL;
  try {
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin || (target.protocol !== 'http:' && target.protocol !== 'https:')) return fallback;
  // Re-serialised from the parsed URL: what the browser gets is what was checked.
  const path = `${target.pathname}${target.search}${target.hash}`;
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : fallback;
}

/** The absolute form, for callers (next-auth) that need a full URL. */
export function safeRedirectUrl(value: unknown, origin: string, fallback = '/'): string {
  return new URL(safeRedirectPath(value, origin, fallback), origin).toString();
}
