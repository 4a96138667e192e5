'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { approveStatementOfApplicability, setSoaEntry } from './mutations';
import { approveSoaSchema, soaEntrySchema } from './soa-schema';

export const setSoaEntryAction = validatedAction(
  soaEntrySchema,
  async (input, actor) => {
    const r = await setSoaEntry(actor, input);
    revalidatePath('/reports/soa', 'layout');
    return r;
  },
  { successMessage: (r) => `${r.ref} ${r.included ? 'included' : 'excluded'}; justification saved.` },
);

export const approveSoaAction = validatedAction(
  approveSoaSchema,
  async (input, actor) => {
    const r = await approveStatementOfApplicability(actor, input.framework);
    revalidatePath('/reports/soa', 'layout');
    return r;
  },
  { successMessage: (r) => `Version ${r.version} approved and frozen.` },
);
