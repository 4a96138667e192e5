'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/api/action';
import { revokeMySessions, revokeUserSessions } from './mutations';
import { revokeSessionSchema } from './schema';

export const revokeMySessionAction = validatedAction(revokeSessionSchema, async ({ id }, actor) => {
  const result = await revokeMySessions(actor, { id });
  revalidatePath('/account/sessions');
  return result;
}, { successMessage: 'Session ended: that browser is signed out.' });

export const revokeOtherSessionsAction = validatedAction(z.object({}), async (_input, actor) => {
  const result = await revokeMySessions(actor, { allOthers: true });
  revalidatePath('/account/sessions');
  return result;
}, { successMessage: (r) => `${r.ended} other session${r.ended === 1 ? '' : 's'} ended.` });

export const revokeUserSessionsAction = validatedAction(revokeSessionSchema, async ({ id }, actor) => {
  const result = await revokeUserSessions(actor, id);
  revalidatePath(`/admin/users/${id}/sessions`);
  return result;
}, { successMessage: (r) => `${r.ended} session${r.ended === 1 ? '' : 's'} ended; the person has been told.` });
