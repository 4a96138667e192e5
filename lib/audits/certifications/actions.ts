'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { createCertification } from './mutations';
import { certificationInputSchema } from './schema';

export const createCertificationAction = validatedAction(
  certificationInputSchema,
  async (input, actor) => {
    const cert = await createCertification(actor, input);
    revalidatePath('/audits/certifications');
    return cert;
  },
  { successMessage: (c) => `Certification "${c.name}" recorded.` },
);
