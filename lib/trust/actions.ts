'use server';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { addTrustDocument, decideTrustRequest, publishTrustCentre, revokeTrustRequest, withdrawTrustDocument } from './mutations';
import { addTrustDocumentSchema, decideTrustRequestSchema, trustDocumentIdSchema, trustSettingsFormSchema } from './schema';

export const publishTrustCentreAction = validatedAction(
  trustSettingsFormSchema,
  async (input, actor) => {
    const result = await publishTrustCentre(actor, input);
    revalidatePath('/admin/trust');
    return result;
  },
  { successMessage: (r) => (r.enabled ? `Trust centre published at /trust/${r.slug}.` : 'Trust centre turned off: the public page is gone.') },
);

export const addTrustDocumentAction = validatedAction(
  addTrustDocumentSchema,
  async (input, actor) => {
    const result = await addTrustDocument(actor, input);
    revalidatePath('/admin/trust');
    return result;
  },
  { successMessage: (r) => `“${r.title}” is offered on request. Publish again to show it on the public page.` },
);

export const withdrawTrustDocumentAction = validatedAction(
  trustDocumentIdSchema,
  async (input, actor) => {
    const result = await withdrawTrustDocument(actor, input);
    revalidatePath('/admin/trust');
    return result;
  },
  { successMessage: (r) => `Document withdrawn; ${r.revokedLinks} unused link(s) revoked.` },
);

export const decideTrustRequestAction = validatedAction(
  decideTrustRequestSchema,
  async (input, actor) => {
    const result = await decideTrustRequest(actor, input);
    revalidatePath('/admin/trust');
    return result;
  },
  { successMessage: (r) => (r.status === 'APPROVED' ? 'Approved: the download link is on its way by e-mail.' : 'Request rejected.') },
);

export const revokeTrustRequestAction = validatedAction(
  trustDocumentIdSchema,
  async (input, actor) => {
    const result = await revokeTrustRequest(actor, input);
    revalidatePath('/admin/trust');
    return result;
  },
  { successMessage: 'The download link is revoked.' },
);
