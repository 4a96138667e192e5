import { z } from 'zod';

/** The query every picker sends: what was typed, and how many to return. */
export const lookupQuerySchema = z.object({
  q: z.string().trim().max(120).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** People pickers: rank this AI system's RACI first. */
  systemId: z.string().min(1).max(64).optional(),
});
export type LookupQuery = z.output<typeof lookupQuerySchema>;

/** One choice in a picker. */
export type LookupItem = { value: string; label: string; description?: string };

/** "contains, any case" for a search box; empty matches everything. */
export function contains(q: string) {
  return { contains: q, mode: 'insensitive' as const };
}
