import type { Role } from '@/lib/auth/permissions';
import type { MfaPolicy } from './schema';

export type MfaStanding = {
  required: boolean;
  enrolled: boolean;
  /** Required, not enrolled, and the grace period has not ended. */
  inGrace: boolean;
  graceEndsAt: Date | null;
  /** Required, not enrolled, grace over: nothing but enrolment is allowed. */
  mustEnrol: boolean;
};

/** Pure: what the policy means for one user now. */
export function mfaStanding(user: { role: Role; enrolled: boolean; mfaRequiredSince: Date | null }, policy: MfaPolicy, now = new Date()): MfaStanding {
  const required = policy.requiredRoles.includes(user.role);
  if (!required || user.enrolled) return { required, enrolled: user.enrolled, inGrace: false, graceEndsAt: null, mustEnrol: false };
  const since = user.mfaRequiredSince ?? now;
  const graceEndsAt = new Date(since.getTime() + policy.graceDays * 86_400_000);
  const inGrace = now < graceEndsAt;
  return { required, enrolled: false, inGrace, graceEndsAt, mustEnrol: !inGrace };
}
