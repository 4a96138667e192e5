import { z } from 'zod';

// How long API tokens live, set per organisation (Admin → API tokens). Safe for the client.

export const TOKEN_LIFETIME_CEILING_DAYS = 365;

export const tokenPolicySchema = z
  .object({
    /** Lifetime a new or rotated token gets when none is asked for. */
    defaultDays: z.coerce.number().int('Whole days').min(1, 'At least 1 day').max(TOKEN_LIFETIME_CEILING_DAYS, `At most ${TOKEN_LIFETIME_CEILING_DAYS} days`),
    /** No token is issued for longer, and one older than this (since issue or last rotation) stops working. */
    maxDays: z.coerce.number().int('Whole days').min(1, 'At least 1 day').max(TOKEN_LIFETIME_CEILING_DAYS, `At most ${TOKEN_LIFETIME_CEILING_DAYS} days`),
    /** How long the old secret keeps working after a rotation. */
    rotationGraceHours: z.coerce.number().int('Whole hours').min(0, 'At least 0 hours').max(168, 'At most 168 hours (7 days)'),
    /** Creators are told this many days before a token expires. */
    warnDays: z.coerce.number().int('Whole days').min(1, 'At least 1 day').max(60, 'At most 60 days'),
  })
  .refine((p) => p.defaultDays <= p.maxDays, { path: ['defaultDays'], message: 'The default lifetime cannot be longer than the maximum' });
export type TokenPolicy = z.infer<typeof tokenPolicySchema>;

export const DEFAULT_TOKEN_POLICY: TokenPolicy = { defaultDays: 90, maxDays: 90, rotationGraceHours: 24, warnDays: 14 };

const DAY_MS = 86_400_000;

/** When a token issued (or last rotated) at `issuedAt` stops working under the policy's maximum lifetime. */
export function lifetimeEndsAt(issuedAt: Date, policy: TokenPolicy): Date {
  return new Date(issuedAt.getTime() + policy.maxDays * DAY_MS);
}
