'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { acknowledgePolicy, approvePolicyVersion, createPolicy, createTrainingCourse, draftPolicyVersion, publishPolicyVersion, recordTraining } from './mutations';
import { createCourseSchema, createPolicySchema, draftVersionSchema, policyIdSchema, recordTrainingSchema, versionIdSchema } from './schema';

const refresh = <T extends { policyId?: string; id?: string }>(r: T) => {
  revalidatePath('/policies');
  if (r.policyId) revalidatePath(`/policies/${r.policyId}`);
  return r;
};

export const createPolicyAction = validatedAction(createPolicySchema, async (input, actor) => refresh({ ...(await createPolicy(actor, input)) }), { successMessage: 'Policy created with a draft version 1.0.' });
export const draftPolicyVersionAction = validatedAction(draftVersionSchema, async (input, actor) => refresh(await draftPolicyVersion(actor, input)), { successMessage: 'New version drafted; it needs another person’s approval.' });
export const approvePolicyVersionAction = validatedAction(versionIdSchema, async (input, actor) => refresh(await approvePolicyVersion(actor, input)), { successMessage: 'Version approved.' });
export const publishPolicyVersionAction = validatedAction(versionIdSchema, async (input, actor) => refresh(await publishPolicyVersion(actor, input)), { successMessage: 'Version published.' });
export const acknowledgePolicyAction = validatedAction(policyIdSchema, async (input, actor) => refresh(await acknowledgePolicy(actor, input)), { successMessage: 'Acknowledged. Thank you.' });
export const createCourseAction = validatedAction(createCourseSchema, async (input, actor) => {
  const r = await createTrainingCourse(actor, input);
  revalidatePath('/policies/training');
  return r;
}, { successMessage: 'Course added.' });
export const recordTrainingAction = validatedAction(recordTrainingSchema, async (input, actor) => {
  const r = await recordTraining(actor, input);
  revalidatePath('/policies/training');
  return r;
}, { successMessage: 'Training recorded.' });
