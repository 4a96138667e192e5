'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { createAudit, updateAudit } from './mutations';
import { auditInputSchema, updateAuditSchema } from './schema';

export const createAuditAction = validatedAction(
  auditInputSchema,
  async (input, actor) => {
    const audit = await createAudit(actor, input);
    revalidatePath('/audits');
    return audit;
  },
  { successMessage: (a) => `Audit "${a.title}" created.` },
);

export const updateAuditAction = validatedAction(
  updateAuditSchema,
  async (input, actor) => {
    const audit = await updateAudit(actor, input);
    revalidatePath(`/audits/${input.id}`);
    return audit;
  },
  { successMessage: 'Audit updated.' },
);
