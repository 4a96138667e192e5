'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formDataToObject, refuseUnsafe, validatedAction, type ActionResult } from '@/lib/api/action';
import { requestMeta } from '@/lib/auth/request';
import { AppError, logUnexpected, toPublicError, zodFieldErrors } from '@/lib/errors';
import { acceptInvite, changeUserRole, createUser, deactivateUser, reactivateUser, reissueInvite, setUserManager } from './mutations';
import { acceptInviteSchema, changeRoleSchema, createUserSchema, setManagerSchema, userIdSchema } from './schema';

const refresh = <T,>(data: T) => {
  revalidatePath('/admin/users');
  return data;
};

export const createUserAction = validatedAction(createUserSchema, async (input, actor) => refresh(await createUser(actor, input)), {
  successMessage: (u) => (u.invitePath ? `Invitation created for ${u.email}.` : `User ${u.email} created.`),
});

export const changeUserRoleAction = validatedAction(changeRoleSchema, async (input, actor) => refresh(await changeUserRole(actor, input)), {
  successMessage: 'Role changed.',
});

export const setUserManagerAction = validatedAction(setManagerSchema, async (input, actor) => refresh(await setUserManager(actor, input)), {
  successMessage: (r) => (r.managerId ? 'Manager set.' : 'Manager cleared.'),
});

export const deactivateUserAction = validatedAction(userIdSchema, async ({ id }, actor) => refresh(await deactivateUser(actor, id)), {
  successMessage: 'User deactivated; their sessions have ended.',
});

export const reactivateUserAction = validatedAction(userIdSchema, async ({ id }, actor) => refresh(await reactivateUser(actor, id)), {
  successMessage: 'User reactivated.',
});

export const reissueInviteAction = validatedAction(userIdSchema, async ({ id }, actor) => refresh(await reissueInvite(actor, id)), {
  successMessage: 'A new invitation link was created.',
});

/** The one action that runs without a session: it is authorised by the invite token. */
export async function acceptInviteAction(
  _prev: ActionResult<{ email: string }> | null,
  form: FormData,
): Promise<ActionResult<{ email: string }>> {
  const raw = formDataToObject(form);
  const unsafe = refuseUnsafe(raw);
  if (unsafe) return unsafe;
  const parsed = acceptInviteSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: zodFieldErrors(parsed.error) };
  }
  try {
    await acceptInvite(parsed.data, await requestMeta());
  } catch (error) {
    logUnexpected(error, 'accept invite');
    const pub = toPublicError(error instanceof z.ZodError ? new AppError('VALIDATION', 'Invalid input') : error);
    return { ok: false, message: pub.message, fieldErrors: pub.fieldErrors };
  }
  // The invitation is used up, so its page can no longer show anything: the
  // sign-in page says the password is set (with or without JavaScript).
  redirect('/sign-in?notice=password-set');
}
