import { z } from 'zod';

/** Query strings and forms send "" for an empty field; treat it as absent. */
export function blankAsUndefined<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
}

/**
 * A yes/no flag from a query string or a checkbox: "true"/"on"/"1" and
 * "false"/"off"/"0" (and real booleans); anything else is refused, not read as false.
 */
export const flag = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const t = v.trim().toLowerCase();
  return ['true', 'on', '1'].includes(t) ? true : ['false', 'off', '0'].includes(t) ? false : v;
}, z.boolean({ error: 'Use true or false' }));

/**
 * z.coerce.number without its surprises: a numeric string from a form or
 * query becomes a number, but null, booleans, arrays and "" are refused
 * instead of read as 0 or 1.
 */
export function numeric<T extends z.ZodType<number>>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), schema);
}

/**
 * An instant from JSON (ISO 8601) or a form (datetime-local): refuses null
 * and numbers (z.coerce.date reads them as 1970) and years no record means,
 * which PostgreSQL may not store either.
 */
export function instantInput(error = 'Enter a date and time') {
  return z
    .preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? new Date(v.trim()) : v), z.date({ error }))
    .refine((d) => !Number.isNaN(d.getTime()), error)
    .refine((d) => d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 9999, 'Enter a date between the years 1900 and 9999')
    .meta({ type: 'string', format: 'date-time' });
}

/**
 * An http(s) URL the portal calls out to (webhooks, MLflow, an S3 endpoint):
 * trimmed, with no user name or password in it (those have their own
 * fields), and with `pathless` no path, query or fragment either. Where it
 * may point is checked when the call is made (lib/webhooks/target.ts).
 */
export function outboundUrl(opts: { max: number; required: string; invalid: string; credentials: string; pathless?: boolean }) {
  const parts = (v: string) => (URL.canParse(v) ? new URL(v) : null);
  return z
    .string()
    .trim()
    .min(1, opts.required)
    .max(opts.max, `At most ${opts.max.toLocaleString('en')} characters`)
    .refine((v) => {
      const u = parts(v);
      if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return false;
      return !opts.pathless || ((u.pathname === '/' || u.pathname === '') && !u.search && !u.hash);
    }, opts.invalid)
    .refine((v) => {
      const u = parts(v);
      return !u || (!u.username && !u.password);
    }, opts.credentials);
}
