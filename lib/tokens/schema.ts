import { z } from 'zod';
import { TOKEN_SCOPES, type Permission } from '@/lib/auth/permissions';

export { SCOPE_PRESETS } from './presets';

export const createTokenSchema = z.object({
  name: z.string().trim().min(2, 'Give the token a name of at least 2 characters').max(80),
  scopes: z
    .array(z.enum(TOKEN_SCOPES as [Permission, ...Permission[]]))
    .min(1, 'Choose at least one scope')
    .transform((s) => [...new Set(s)]),
  /** Days until it expires; the organisation's default when left out, never above its maximum. */
  expiresInDays: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1, 'At least 1 day').max(365, 'At most 365 days').optional()),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const tokenIdSchema = z.object({ id: z.string().min(1).max(64) });

export const tokenSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  rotatedAt: z.string().nullable(),
  /** Until when the secret replaced by the last rotation still works. */
  previousValidUntil: z.string().nullable(),
  createdBy: z.string(),
  status: z.enum(['active', 'expired', 'revoked']),
  capabilities: z.object({ revoke: z.boolean(), rotate: z.boolean() }).describe('What the caller may do to this token'),
});
export type TokenSummary = z.infer<typeof tokenSummarySchema>;
