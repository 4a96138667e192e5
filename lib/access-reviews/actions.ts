'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { closeAccessReview, decideAccessReviewItem, startAccessReview } from './mutations';
import { accessReviewIdSchema, decideItemSchema, startAccessReviewSchema } from './schema';

export const startAccessReviewAction = validatedAction(
  startAccessReviewSchema,
  async (input, actor) => {
    const result = await startAccessReview(actor, input);
    revalidatePath('/admin/access-reviews');
    return result;
  },
  { successMessage: (r) => `Access review started with ${r.items} items.` },
);

export const decideAccessReviewItemAction = validatedAction(
  decideItemSchema,
  async (input, actor) => {
    const result = await decideAccessReviewItem(actor, input);
    revalidatePath('/admin/access-reviews');
    return result;
  },
  { successMessage: (r) => (r.decision === 'REVOKED' ? 'Revoked.' : 'Confirmed.') },
);

export const closeAccessReviewAction = validatedAction(
  accessReviewIdSchema,
  async ({ id }, actor) => {
    const result = await closeAccessReview(actor, id);
    revalidatePath('/admin/access-reviews');
    return result;
  },
  { successMessage: 'Access review closed; its report is filed as evidence.' },
);
