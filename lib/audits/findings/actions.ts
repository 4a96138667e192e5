'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { acceptRisk, addFindingComment, createFinding, transitionFinding, updateFinding } from './mutations';
import { acceptRiskSchema, commentSchema, createFindingSchema, transitionSchema, updateFindingSchema } from './schema';

const refresh = <T,>(id: string | null, data: T) => {
  revalidatePath('/audits/findings');
  if (id) revalidatePath(`/audits/findings/${id}`);
  return data;
};

export const createFindingAction = validatedAction(createFindingSchema, async (input, actor) => refresh(null, await createFinding(actor, input)), {
  successMessage: (f) => `Finding "${f.title}" raised.`,
});

export const updateFindingAction = validatedAction(updateFindingSchema, async (input, actor) => refresh(input.id, await updateFinding(actor, input)), {
  successMessage: 'Finding updated.',
});

export const transitionFindingAction = validatedAction(transitionSchema, async (input, actor) => refresh(input.id, await transitionFinding(actor, input)), {
  successMessage: 'Status changed.',
});

export const acceptRiskAction = validatedAction(acceptRiskSchema, async (input, actor) => refresh(input.id, await acceptRisk(actor, input)), {
  successMessage: 'Risk accepted until the expiry date.',
});

export const addCommentAction = validatedAction(commentSchema, async (input, actor) => refresh(input.id, await addFindingComment(actor, input)), {
  successMessage: 'Comment added.',
});
