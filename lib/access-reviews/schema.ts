import { z } from 'zod';
import { blankAsUndefined, numeric } from '@/lib/api/params';

export const startAccessReviewSchema = z.object({
  title: z.string().trim().min(1, 'Enter a title').max(120),
  dueInDays: numeric(z.number().int().min(1, 'At least 1 day').max(90, 'At most 90 days')).default(14),
});
export const decideItemSchema = z.object({
  itemId: z.string().min(1).max(64),
  decision: z.enum(['CONFIRMED', 'REVOKED']),
  note: blankAsUndefined(z.string().trim().max(500)),
});
export const accessReviewIdSchema = z.object({ id: z.string().min(1).max(64) });

/** The access-control requirements a closed campaign's report is filed against (framework key, requirement ref). */
export const ACCESS_CONTROL_REQUIREMENTS = [
  ['soc2', 'CC6.2'],
  ['soc2', 'CC6.3'],
  ['iso-27001', '5.18'],
  ['hipaa-security', '164.308(a)(4)'],
] as const;
