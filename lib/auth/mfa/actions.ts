'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { refuseUnsafe, validatedAction, type ActionResult } from '@/lib/api/action';
import { safeRedirectPath } from '@/lib/auth/redirect';
import { metaFromHeaders } from '@/lib/auth/request';
import { currentSession } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { logUnexpected, toPublicError, zodFieldErrors } from '@/lib/errors';
import { beginTotpEnrolment, confirmTotpEnrolment, regenerateRecoveryCodes, removeTotp, resetUserMfa, verifySessionFactor } from './mutations';
import { beginPasskeyAuthentication, beginPasskeyRegistration, finishPasskeyRegistration, removePasskey, renamePasskey, verifySessionPasskey } from './passkeys';
import { updateMfaPolicy } from './policy';
import { codeSchema, mfaPolicyFormSchema, registerPasskeySchema, renamePasskeySchema, userIdSchema, verifyFactorSchema, verifyPasskeySchema } from './schema';
import { z } from 'zod';

const none = z.object({});
const SECURITY_PAGE = '/account/security';

export const beginTotpEnrolmentAction = validatedAction(none, async (_input, actor) => {
  const result = await beginTotpEnrolment(actor);
  revalidatePath(SECURITY_PAGE);
  return result;
}, { successMessage: 'Scan the QR code with your authenticator app, then enter the code it shows.' });

// No revalidation: the page must keep the form that shows the recovery codes
// (a refresh would replace it before they are seen); its Continue link reloads.
export const confirmTotpAction = validatedAction(codeSchema, async ({ code }, actor) => confirmTotpEnrolment(actor, code), { successMessage: 'Authenticator app set up. Save your recovery codes now: they are shown only once.' });

export const regenerateRecoveryCodesAction = validatedAction(none, async (_input, actor) => {
  const result = await regenerateRecoveryCodes(actor);
  revalidatePath(SECURITY_PAGE);
  return result;
}, { successMessage: 'New recovery codes issued; the old ones no longer work. Save these now.' });

export const removeTotpAction = validatedAction(none, async (_input, actor) => {
  const result = await removeTotp(actor);
  revalidatePath(SECURITY_PAGE);
  return result;
}, { successMessage: 'Authenticator app removed.' });

export const resetUserMfaAction = validatedAction(userIdSchema, async ({ id }, actor) => {
  const result = await resetUserMfa(actor, id);
  revalidatePath('/admin/users');
  return result;
}, { successMessage: 'Second factors reset; the user has been told.' });

export const updateMfaPolicyAction = validatedAction(mfaPolicyFormSchema, async (input, actor) => {
  const result = await updateMfaPolicy(actor, input);
  revalidatePath('/admin/security');
  return result;
}, { successMessage: 'MFA policy saved.' });

/**
 * The verify page's action: runs for a half-open session (sign-in) as well as
 * a full one (step-up), so it reads the session itself instead of an actor.
 */
export async function verifyFactorAction(_prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const raw = { code: String(form.get('code') ?? ''), callbackUrl: String(form.get('callbackUrl') ?? '') };
  const unsafe = refuseUnsafe(raw);
  if (unsafe) return unsafe;
  const parsed = verifyFactorSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: zodFieldErrors(parsed.error) };
  const target = safeRedirectPath(parsed.data.callbackUrl, env().NEXTAUTH_URL);
  try {
    const session = await currentSession();
    if (!session) return { ok: false, message: 'Your sign-in has expired. Sign in again.' };
    await verifySessionFactor(session, parsed.data.code, metaFromHeaders(await headers()));
  } catch (error) {
    logUnexpected(error, 'verify factor');
    const pub = toPublicError(error);
    return { ok: false, message: pub.message, fieldErrors: pub.fieldErrors };
  }
  redirect(target);
}

// Passkeys: the browser asks for options, runs the WebAuthn ceremony, and
// sends the answer back as JSON text.
export const passkeyRegistrationOptionsAction = validatedAction(none, async (_input, actor) => beginPasskeyRegistration(actor));

// No revalidation here either: recovery codes issued with a first passkey are shown before the page reloads.
export const registerPasskeyAction = validatedAction(registerPasskeySchema, async (input, actor) => finishPasskeyRegistration(actor, input), {
  successMessage: (r) => (r.recoveryCodes ? `Passkey “${r.name}” added. Save your recovery codes now: they are shown only once.` : `Passkey “${r.name}” added.`),
});

export const renamePasskeyAction = validatedAction(renamePasskeySchema, async ({ id, name }, actor) => {
  const result = await renamePasskey(actor, id, name);
  revalidatePath(SECURITY_PAGE);
  return result;
}, { successMessage: 'Passkey renamed.' });

export const removePasskeyAction = validatedAction(userIdSchema, async ({ id }, actor) => {
  const result = await removePasskey(actor, id);
  revalidatePath(SECURITY_PAGE);
  return result;
}, { successMessage: 'Passkey removed.' });

/** The verify page's passkey options: for a half-open session (sign-in) as well as a full one (step-up). */
export async function passkeySignInOptionsAction(): Promise<ActionResult<Awaited<ReturnType<typeof beginPasskeyAuthentication>>>> {
  try {
    const session = await currentSession();
    if (!session) return { ok: false, message: 'Your sign-in has expired. Sign in again.' };
    return { ok: true, data: await beginPasskeyAuthentication(session) };
  } catch (error) {
    logUnexpected(error, 'passkey options');
    return { ok: false, message: toPublicError(error).message };
  }
}

export async function verifyPasskeyAction(_prev: ActionResult<{ target: string }> | null, input: { response: string; callbackUrl?: string }): Promise<ActionResult<{ target: string }>> {
  const unsafe = refuseUnsafe(input);
  if (unsafe) return unsafe;
  const parsed = verifyPasskeySchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'The passkey answer could not be read.', fieldErrors: zodFieldErrors(parsed.error) };
  try {
    const session = await currentSession();
    if (!session) return { ok: false, message: 'Your sign-in has expired. Sign in again.' };
    await verifySessionPasskey(session, parsed.data.response, metaFromHeaders(await headers()));
    return { ok: true, data: { target: safeRedirectPath(parsed.data.callbackUrl, env().NEXTAUTH_URL) } };
  } catch (error) {
    logUnexpected(error, 'verify passkey');
    const pub = toPublicError(error);
    return { ok: false, message: pub.message };
  }
}
