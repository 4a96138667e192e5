'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { updateTokenPolicy } from '@/lib/auth/token-policy';
import { tokenPolicySchema } from '@/lib/auth/token-policy-schema';
import { createToken, revokeToken, rotateToken } from './mutations';
import { createTokenSchema, tokenIdSchema } from './schema';

export const createTokenAction = validatedAction(createTokenSchema, async (input, actor) => {
  const token = await createToken(actor, input);
  revalidatePath('/admin/tokens');
  revalidatePath('/account/tokens');
  return token;
});

export const revokeTokenAction = validatedAction(
  tokenIdSchema,
  async ({ id }, actor) => {
    const result = await revokeToken(actor, id);
    revalidatePath('/admin/tokens');
    revalidatePath('/account/tokens');
    return result;
  },
  { successMessage: 'Token revoked.' },
);

export const rotateTokenAction = validatedAction(
  tokenIdSchema,
  async ({ id }, actor) => {
    const result = await rotateToken(actor, id);
    revalidatePath('/admin/tokens');
    return result;
  },
  { successMessage: (r) => `New secret issued for ${r.name}; the old one works until the grace period ends.` },
);

export const updateTokenPolicyAction = validatedAction(
  tokenPolicySchema,
  async (input, actor) => {
    const result = await updateTokenPolicy(actor, input);
    revalidatePath('/admin/tokens');
    return result;
  },
  { successMessage: 'Token lifetime policy saved.' },
);
