import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, no whitespace, undefined members
 * dropped, Dates as ISO-8601 UTC, BigInt as decimal strings. The same value
 * always gives the same bytes, which is what the hash chain needs.
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

// Written into one list of chunks joined once: this runs over every audit
// event, decision record and monitoring window digest.
function write(value: unknown, out: string[] = []): string {
  put(value, out);
  return out.join('');
}

/** An object's keys in sorted order, sorting only when they are not already (most records arrive sorted or small). */
function sortedKeys(obj: Record<string, unknown>): string[] {
  const keys = Object.keys(obj);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return keys.sort();
  return keys;
}

function put(value: unknown, out: string[]): void {
  if (value === null || value === undefined) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      // For a finite number String() gives JSON's text (-0 as 0, exponents alike).
      out.push(String(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'bigint':
      out.push(`"${value.toString()}"`);
      return;
    case 'object': {
      if (value instanceof Date) {
        out.push(JSON.stringify(value.toISOString()));
        return;
      }
      if (Array.isArray(value)) {
        out.push('[');
        for (let i = 0; i < value.length; i++) {
          if (i) out.push(',');
          put(value[i], out);
        }
        out.push(']');
        return;
      }
      const obj = value as Record<string, unknown>;
      out.push('{');
      let first = true;
      for (const key of sortedKeys(obj)) {
        const v = obj[key];
        if (v === undefined) continue;
        if (!first) out.push(',');
        first = false;
        out.push(JSON.stringify(key), ':');
        put(v, out);
      }
      out.push('}');
      return;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}

export function sha256Hex(input: string | Buffer): string {
  return createHash('sha256').update(input).digest('hex');
}
