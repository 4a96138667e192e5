'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { createAudit, createCertification, updateAudit } from './mutations';
import { auditInputSchema, auditSettingsFormSchema, certificationInputSchema, updateAuditSchema } from './schema';
import { updateAuditSettings } from './settings';

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

export const createCertificationAction = validatedAction(
  certificationInputSchema,
  async (input, actor) => {
    const cert = await createCertification(actor, input);
    revalidatePath('/audits/certifications');
    return cert;
  },
  { successMessage: (c) => `Certification "${c.name}" recorded.` },
);

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
