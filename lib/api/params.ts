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
