import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import type { Role } from '@/lib/auth/permissions';

type UserState = { id: string; role: Role; active: boolean; mfaEnrolled?: boolean };

/** The organisation must keep one active administrator: the last one cannot be demoted or deactivated. */
export function isLastActiveAdmin(user: UserState, activeAdminIds: readonly string[]): boolean {
  return user.role === 'ADMIN' && user.active && activeAdminIds.length <= 1 && activeAdminIds.includes(user.id);
}

/** What the user list offers on one user, by the rules changeUserRole, deactivateUser, reactivateUser and reissueInvite refuse with. */
export function userCapabilities(actor: Actor, user: UserState, activeAdminIds: readonly string[]) {
  const manage = can(actor, 'users:manage');
  const last = isLastActiveAdmin(user, activeAdminIds);
  return {
    changeRole: manage && !last,
    deactivate: manage && user.active && !last,
    reactivate: manage && !user.active,
    reissueInvite: manage && user.active,
    setManager: manage,
    // resetUserMfa: someone else's factors (one's own are on the account page).
    resetMfa: manage && Boolean(user.mfaEnrolled) && user.id !== actor.userId,
  };
}
export type UserCapabilities = ReturnType<typeof userCapabilities>;
