'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { updateSamlSettings } from './connection';
import { samlSettingsSchema } from './schema';

export const updateSamlSettingsAction = validatedAction(
  samlSettingsSchema,
  async (input, actor) => {
    const result = await updateSamlSettings(actor, input);
    revalidatePath('/admin/sso');
    return result;
  },
  { successMessage: (r) => (r.enabled ? `SAML sign-in is on with ${r.idpEntityId}.` : 'SAML settings saved; SAML sign-in is off.') },
);
