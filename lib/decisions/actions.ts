'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { AppError } from '@/lib/errors';
import { createDevelopmentDecision } from './development';
import { pushCheckpointsNow } from './push';
import { removePushTarget, savePushTarget } from './push-target';
import { createDevelopmentDecisionSchema, pushNowSchema, pushTargetSchema, verifyDecisionSchema } from './schema';
import { verifyDecision } from './view';

/** Checks the decision's proof on the server; a failed check is the form's refusal, naming each problem. */
export const verifyDecisionAction = validatedAction(
  verifyDecisionSchema,
  async (input, actor) => {
    const result = await verifyDecision(actor, input.id);
    if (!result.ok) throw new AppError('CONFLICT', `The proof does not hold: ${result.problems.join('; ')}.`);
    return result;
  },
  { successMessage: (r) => `The proof holds: the record hashes to its batch root, the batch is in the signed checkpoint of ${r.treeSize} batches, and the signature verifies.` },
);

export const createDevelopmentDecisionAction = validatedAction(
  createDevelopmentDecisionSchema,
  async (input, actor) => {
    const row = await createDevelopmentDecision(actor, input);
    revalidatePath('/decisions/development');
    return row;
  },
  { successMessage: 'Development decision recorded.' },
);

export const savePushTargetAction = validatedAction(
  pushTargetSchema,
  async (input, actor) => {
    const saved = await savePushTarget(actor, input);
    revalidatePath('/decisions/checkpoints');
    return saved;
  },
  { successMessage: (r) => `Bucket saved. ${r.queued} checkpoint(s) queued for the push.` },
);

export const pushCheckpointsNowAction = validatedAction(
  pushNowSchema,
  async (_input, actor) => {
    const result = await pushCheckpointsNow(actor);
    revalidatePath('/decisions/checkpoints');
    return result;
  },
  { successMessage: (r) => (r.queued ? `${r.queued} checkpoint(s) queued for the push.` : 'Every checkpoint is already in the bucket.') },
);

export const removePushTargetAction = validatedAction(
  pushNowSchema,
  async (_input, actor) => {
    const result = await removePushTarget(actor);
    revalidatePath('/decisions/checkpoints');
    return result;
  },
  { successMessage: 'The checkpoint push is off. Objects already in the bucket stay there.' },
);
