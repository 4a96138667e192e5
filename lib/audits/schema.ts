import { z } from 'zod';

// Schemas shared by the audit workspace's sub-domains. Safe for the client.

export const idSchema = z.string().min(1).max(64);
export const dateSchema = z.iso.date('Enter a date as YYYY-MM-DD');
/** Ids from a form (one or many) or JSON (an array). */
export const idListSchema = z
  .preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(idSchema).max(500))
  .default([]);

/** Path parameters of a record route. */
export const idParams = z.object({ id: idSchema });
export const anyObject = z.record(z.string(), z.unknown());
