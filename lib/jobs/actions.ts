'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { cancelJob, retryJob } from './mutations';
import { jobRefSchema } from './schema';

export const retryJobAction = validatedAction(
  jobRefSchema,
  async (ref, actor) => {
    const result = await retryJob(actor, ref);
    revalidatePath('/admin/jobs');
    return result;
  },
  { successMessage: 'The job is queued for another attempt.' },
);

export const cancelJobAction = validatedAction(
  jobRefSchema,
  async (ref, actor) => {
    const result = await cancelJob(actor, ref);
    revalidatePath('/admin/jobs');
    return result;
  },
  { successMessage: 'Job cancelled.' },
);
