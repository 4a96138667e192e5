'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { createToken, revokeToken } from './mutations';
import { createTokenSchema, tokenIdSchema } from './schema';

export const createTokenAction = validatedAction(createTokenSchema, async (input, actor) => {
  const token = await createToken(actor, input);
  revalidatePath('/admin/tokens');
  return token;
});

export const revokeTokenAction = validatedAction(
  tokenIdSchema,
  async ({ id }, actor) => {
    const result = await revokeToken(actor, id);
    revalidatePath('/admin/tokens');
    return result;
  },
  { successMessage: 'Token revoked.' },
);
