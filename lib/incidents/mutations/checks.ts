import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

// Clocks on different machines disagree a little; allow that much "future".
const CLOCK_SKEW_MS = 60_000;

export const invalid = (field: string, message: string) => new AppError('VALIDATION', message, { fieldErrors: { [field]: [message] } });

export function notInFuture(at: Date, field: string, what: string) {
  if (at.getTime() > Date.now() + CLOCK_SKEW_MS) throw invalid(field, `${what} is in the future (${at.toISOString()}). Give the time it actually happened.`);
}

export async function assertMember(tx: Tx, actor: Actor, userId: string, field: string) {
  const user = await tx.user.findFirst({ where: { id: userId, orgId: actor.orgId, active: true }, select: { id: true, name: true } });
  if (!user) throw invalid(field, 'Choose an active member of the organisation.');
  return user;
}

const FACT_TIMES = { awareAt: 'When the organisation became aware', classifiedAt: 'The classification time', materialityDeterminedAt: 'The materiality determination time' } as const;

/** The notification facts' times may not be in the future either. */
export function noFutureFacts(times: Record<keyof typeof FACT_TIMES, Date | null>) {
  for (const [field, what] of Object.entries(FACT_TIMES) as [keyof typeof FACT_TIMES, string][]) {
    const at = times[field];
    if (at) notInFuture(at, field, what);
  }
  return times;
}
