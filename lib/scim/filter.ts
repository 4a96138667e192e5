import { ScimError } from './protocol';

/**
 * The filters identity providers send to look a resource up (RFC 7644
 * §3.4.2.2): one `attribute eq "value"` comparison. Anything else is refused
 * with invalidFilter rather than answered wrongly.
 */
export function parseEqFilter(raw: string | null, allowed: readonly string[]): { attr: string; value: string } | null {
  if (raw == null || raw.trim() === '') return null;
  const m = /^\s*([A-Za-z][\w.:$-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(raw);
  if (!m) throw new ScimError(400, `Unsupported filter "${raw}": use attribute eq "value" with one of ${allowed.join(', ')}.`, 'invalidFilter');
  const attr = allowed.find((a) => a.toLowerCase() === m[1].toLowerCase());
  if (!attr) throw new ScimError(400, `Filtering on "${m[1]}" is not supported: use one of ${allowed.join(', ')}.`, 'invalidFilter');
  return { attr, value: JSON.parse(`"${m[2]}"`) as string };
}

/** startIndex (1-based) and count of a list request, clamped as RFC 7644 §3.4.2.4 says. */
export function parsePaging(sp: URLSearchParams, max: number): { startIndex: number; count: number } {
  const int = (name: string, fallback: number) => {
    const v = sp.get(name);
    if (v == null || v === '') return fallback;
    if (!/^-?\d+$/.test(v)) throw new ScimError(400, `"${name}" must be an integer.`, 'invalidValue');
    return Number(v);
  };
  return { startIndex: Math.max(1, int('startIndex', 1)), count: Math.min(max, Math.max(0, int('count', max))) };
}
