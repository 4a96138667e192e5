'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { mapGroupRole, updateScimSettings } from './mapping';
import { createScimTokenSchema, mapGroupRoleSchema, scimSettingsSchema, scimTokenIdSchema } from './schema';
import { createScimToken, revokeScimToken } from './tokens';

export const createScimTokenAction = validatedAction(createScimTokenSchema, async (input, actor) => {
  const token = await createScimToken(actor, input);
  revalidatePath('/admin/provisioning');
  return token;
});

export const revokeScimTokenAction = validatedAction(
  scimTokenIdSchema,
  async ({ id }, actor) => {
    const result = await revokeScimToken(actor, id);
    revalidatePath('/admin/provisioning');
    return result;
  },
  { successMessage: 'SCIM token revoked.' },
);

export const mapGroupRoleAction = validatedAction(
  mapGroupRoleSchema,
  async (input, actor) => {
    const result = await mapGroupRole(actor, input);
    revalidatePath('/admin/provisioning');
    return result;
  },
  { successMessage: 'Group mapping saved; its members’ roles follow it.' },
);

export const updateScimSettingsAction = validatedAction(
  scimSettingsSchema,
  async (input, actor) => {
    const result = await updateScimSettings(actor, input);
    revalidatePath('/admin/provisioning');
    return result;
  },
  { successMessage: 'Default role saved.' },
);
