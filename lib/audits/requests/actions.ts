'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { createEvidenceRequest, reviewEvidenceRequest } from './mutations';
import { createRequestSchema, reviewRequestSchema } from './schema';

// File uploads go to POST /api/v1/evidence from the browser (multipart, with
// upload progress); Server Actions carry only the small forms.

export const createRequestAction = validatedAction(
  createRequestSchema,
  async (input, actor) => {
    const r = await createEvidenceRequest(actor, input);
    revalidatePath('/audits/requests');
    return r;
  },
  { successMessage: 'Evidence requested.' },
);

export const reviewRequestAction = validatedAction(
  reviewRequestSchema,
  async (input, actor) => {
    const r = await reviewEvidenceRequest(actor, input);
    revalidatePath('/audits/requests');
    return r;
  },
  { successMessage: (r) => (r.status === 'ACCEPTED' ? 'Evidence accepted.' : 'Evidence rejected; the owner has been asked again.') },
);
