import { z } from 'zod';

/** Query strings and forms send "" for an empty field; treat it as absent. */
export function blankAsUndefined<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
}
