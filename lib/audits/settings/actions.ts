'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { updateAuditSettings } from './mutations';
import { auditSettingsFormSchema } from './schema';

export const updateAuditSettingsAction = validatedAction(
  auditSettingsFormSchema,
  async (input, actor) => {
    const saved = await updateAuditSettings(actor, {
      dueDays: { CRITICAL: input.dueCRITICAL, HIGH: input.dueHIGH, MEDIUM: input.dueMEDIUM, LOW: input.dueLOW },
      allAuditorsSeeAll: input.allAuditorsSeeAll,
      internalAuditorIds: input.internalAuditorIds,
    });
    revalidatePath('/audits/settings');
    return saved;
  },
  { successMessage: 'Settings saved.' },
);
