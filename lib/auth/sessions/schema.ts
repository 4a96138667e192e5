import { z } from 'zod';

export const revokeSessionSchema = z.object({ id: z.string().min(1).max(64) });
export const historyPageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);
