'use server';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { publishTrustCentre } from './mutations';
import { trustSettingsFormSchema } from './schema';

export const publishTrustCentreAction = validatedAction(
  trustSettingsFormSchema,
  async (input, actor) => {
    const result = await publishTrustCentre(actor, input);
    revalidatePath('/admin/trust');
    return result;
  },
  { successMessage: (r) => (r.enabled ? `Trust centre published at /trust/${r.slug}.` : 'Trust centre turned off: the public page is gone.') },
);
