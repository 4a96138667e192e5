'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { linkAction } from '@/lib/links/landing';
import { linkPath } from '@/lib/links/purposes';
import { removeDocumentByLink } from './documents';
import {
  addVendorCertification, addVendorContract, answerQuestionnaireByLink, createVendor, markVendorReviewed, removeVendorContract, reissueQuestionnaireLink,
  reviewQuestionnaire, sendQuestionnaire, setVendorTier, updateVendor, withdrawQuestionnaire,
} from './mutations';
import {
  addCertificationSchema, addContractSchema, createVendorSchema, linkAnswersFormSchema, markReviewedSchema, questionnaireIdSchema, removeDocumentByLinkSchema, removeItemSchema,
  reviewNotesSchema, sendQuestionnaireSchema, tierAnswersSchema, updateVendorSchema,
} from './schema';

const refreshVendor = <T extends { id?: string; vendorId?: string }>(r: T) => {
  revalidatePath('/vendors');
  if (r.vendorId ?? r.id) revalidatePath(`/vendors/${r.vendorId ?? r.id}`);
  return r;
};

export const createVendorAction = validatedAction(createVendorSchema, async (input, actor) => refreshVendor(await createVendor(actor, input)), { successMessage: 'Vendor added.' });
export const updateVendorAction = validatedAction(updateVendorSchema, async (input, actor) => refreshVendor(await updateVendor(actor, input)), { successMessage: 'Vendor saved.' });
export const setVendorTierAction = validatedAction(tierAnswersSchema, async (input, actor) => refreshVendor(await setVendorTier(actor, input)), { successMessage: 'Risk tier updated.' });
export const markVendorReviewedAction = validatedAction(markReviewedSchema, async (input, actor) => refreshVendor(await markVendorReviewed(actor, input)), { successMessage: 'Review recorded.' });
export const addContractAction = validatedAction(addContractSchema, async (input, actor) => refreshVendor({ ...(await addVendorContract(actor, input)), vendorId: input.vendorId }), { successMessage: 'Contract added.' });
export const removeContractAction = validatedAction(removeItemSchema, async (input, actor) => refreshVendor({ ...(await removeVendorContract(actor, input)), vendorId: input.vendorId }), { successMessage: 'Contract removed.' });
export const addCertificationAction = validatedAction(addCertificationSchema, async (input, actor) => refreshVendor({ ...(await addVendorCertification(actor, input)), vendorId: input.vendorId }), { successMessage: 'Certification added.' });
export const sendQuestionnaireAction = validatedAction(sendQuestionnaireSchema, async (input, actor) => refreshVendor(await sendQuestionnaire(actor, input)), {
  successMessage: 'Questionnaire sent. Copy the link now: it is shown only once.',
});
export const reissueQuestionnaireLinkAction = validatedAction(questionnaireIdSchema, async (input, actor) => {
  const r = await reissueQuestionnaireLink(actor, input);
  revalidatePath(`/vendors/questionnaires/${r.id}`);
  return r;
}, { successMessage: 'A new link was issued and the old ones revoked. Copy it now: it is shown only once.' });
export const withdrawQuestionnaireAction = validatedAction(questionnaireIdSchema, async (input, actor) => {
  const r = await withdrawQuestionnaire(actor, input);
  revalidatePath(`/vendors/questionnaires/${r.id}`);
  return r;
}, { successMessage: 'Questionnaire withdrawn; its link no longer works.' });
export const reviewQuestionnaireAction = validatedAction(reviewNotesSchema, async (input, actor) => {
  const r = await reviewQuestionnaire(actor, input);
  revalidatePath(`/vendors/questionnaires/${r.id}`);
  return r;
}, { successMessage: 'Review saved.' });

/**
 * The vendor's form on the link page (no session: the link is the
 * credential). One form, two buttons: "Save draft" and "Submit answers" both
 * send what is typed, so submitting never drops answers typed since the last
 * draft, and a refusal marks the unanswered questions themselves.
 */
export const answerByLinkAction = linkAction(
  linkAnswersFormSchema,
  ({ intent, ...answers }, meta) => answerQuestionnaireByLink(answers, meta, { submit: intent === 'submit' }),
  { successMessage: (r) => (r.submitted ? 'Thank you: your answers were submitted.' : 'Draft saved. You can come back to this link until it expires.') },
);

/** The vendor removes a document it attached, on the link page (its own questionnaire's only). */
export const removeDocumentByLinkAction = linkAction(
  removeDocumentByLinkSchema,
  async (input, meta) => {
    const r = await removeDocumentByLink(input, meta);
    revalidatePath(linkPath('vendor_questionnaire', input.token));
    return r;
  },
  { successMessage: (r) => `${r.fileName} removed.` },
);
