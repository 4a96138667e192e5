'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { withdrawEvidence } from './mutations';
import { withdrawEvidenceSchema } from './schema';

// File uploads go to POST /api/v1/evidence from the browser (multipart, with
// upload progress); Server Actions carry the small forms.

export const withdrawEvidenceAction = validatedAction(
  withdrawEvidenceSchema,
  async (input, actor) => {
    const e = await withdrawEvidence(actor, input);
    revalidatePath('/audits/evidence');
    return e;
  },
  { successMessage: (e) => (e.supersededById ? `"${e.title}" marked as superseded.` : `"${e.title}" withdrawn.`) },
);
