'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { AppError } from '@/lib/errors';
import { createProcessingActivity, updateProcessingActivity } from './activities/mutations';
import { createAssessment, signOffAssessment, updateAssessment } from './assessments/mutations';
import { runAnonymisationCheck } from './anonymisation-check';
import { storeAssessmentEvidence } from './assessments/pdf';
import { getAssessment } from './assessments/queries';
import { assessmentFormSchema, assessmentIdSchema, sectionsOf } from './assessments/schema';
import { completePrivacyTask, completeRequest, confirmReceipt, createSubjectRequest, extendRequest, refuseRequest, startVerification, verifyIdentity } from './requests/mutations';
import { answerMinimisationItem, deleteRetentionRule, saveRetentionRule } from './retention/mutations';
import { updatePrivacySettings } from './settings';
import { activityFormSchema, anonymisationFormSchema, minimisationAnswerFormSchema, privacySettingsFormSchema, retentionRuleIdSchema, retentionRuleSchema, completeRequestFormSchema, completeTaskFormSchema, reasonFormSchema, requestFormSchema, requestIdSchema } from './schema';

const refresh = <T,>(paths: (string | null)[], data: T) => {
  revalidatePath('/privacy');
  for (const p of paths) if (p) revalidatePath(p);
  return data;
};

export const createActivityAction = validatedAction(activityFormSchema, async ({ id: _id, ...input }, actor) => refresh(['/privacy/activities'], await createProcessingActivity(actor, input)), {
  successMessage: (a) => `${a.name} added to the register.`,
});

export const updateActivityAction = validatedAction(activityFormSchema, async ({ id, ...input }, actor) => {
  if (!id) throw new AppError('VALIDATION', 'Which activity?', { fieldErrors: { id: ['Missing'] } });
  return refresh(['/privacy/activities', `/privacy/activities/${id}`], await updateProcessingActivity(actor, id, input));
}, { successMessage: 'Activity saved.' });

export const createRequestAction = validatedAction(requestFormSchema, async (input, actor) => refresh(['/privacy/requests'], await createSubjectRequest(actor, input)), {
  successMessage: (r) => `Request ${r.reference} recorded.`,
});

const requestPath = (id: string) => [`/privacy/requests/${id}`, '/privacy/requests'];

export const startVerificationAction = validatedAction(requestIdSchema, async ({ id }, actor) => refresh(requestPath(id), await startVerification(actor, id)), {
  successMessage: 'Verification started.',
});
export const verifyIdentityAction = validatedAction(requestIdSchema, async ({ id }, actor) => refresh(requestPath(id), await verifyIdentity(actor, id)), {
  successMessage: (r) => `Identity verified; ${r.tasks} task${r.tasks === 1 ? '' : 's'} raised.`,
});
export const confirmReceiptAction = validatedAction(requestIdSchema, async ({ id }, actor) => refresh(requestPath(id), await confirmReceipt(actor, id)), {
  successMessage: 'Receipt confirmed.',
});
export const extendRequestAction = validatedAction(reasonFormSchema, async ({ id, reason }, actor) => refresh(requestPath(id), await extendRequest(actor, id, { reason })), {
  successMessage: 'Deadline extended.',
});
export const refuseRequestAction = validatedAction(reasonFormSchema, async ({ id, reason }, actor) => refresh(requestPath(id), await refuseRequest(actor, id, { reason })), {
  successMessage: 'Request refused.',
});
export const completeRequestAction = validatedAction(completeRequestFormSchema, async ({ id, note }, actor) => refresh(requestPath(id), await completeRequest(actor, id, { note })), {
  successMessage: 'Request completed.',
});
export const completeTaskAction = validatedAction(completeTaskFormSchema, async ({ taskId, requestId, ...input }, actor) => refresh(requestId ? requestPath(requestId) : ['/', '/privacy/retention'], await completePrivacyTask(actor, taskId, input)), {
  successMessage: 'Task recorded.',
});

export const createAssessmentAction = validatedAction(assessmentFormSchema, async (form, actor) => {
  if (!form.kind) throw new AppError('VALIDATION', 'Choose DPIA or FRIA.', { fieldErrors: { kind: ['Choose DPIA or FRIA'] } });
  if (!form.systemId) throw new AppError('VALIDATION', 'Choose the AI system.', { fieldErrors: { systemId: ['Choose the AI system'] } });
  const created = await createAssessment(actor, { kind: form.kind, systemId: form.systemId, title: form.title, screening: form.screening, sections: sectionsOf(form), risks: form.risks, dpoAdvice: form.dpoAdvice, reviewDate: form.reviewDate });
  return refresh(['/privacy/assessments'], created);
}, { successMessage: (a) => `${a.kind} started (version ${a.version}).` });

export const updateAssessmentAction = validatedAction(assessmentFormSchema, async (form, actor) => {
  if (!form.id) throw new AppError('VALIDATION', 'Which assessment?', { fieldErrors: { id: ['Missing'] } });
  // Control links are kept for risks whose title did not change (the form edits risks as text).
  const current = await getAssessment(actor, form.id);
  const risks = form.risks.map((r) => ({ ...r, controlIds: current.risks.find((c) => c.title === r.title)?.controlIds ?? [] }));
  const saved = await updateAssessment(actor, form.id, { title: form.title, screening: form.screening, sections: sectionsOf(form), risks, dpoAdvice: form.dpoAdvice, reviewDate: form.reviewDate });
  return refresh(['/privacy/assessments', `/privacy/assessments/${form.id}`, `/privacy/assessments/${saved.id}`], saved);
}, { successMessage: (r) => (r.newVersion ? `Saved as version ${r.version} (the signed-off version stays frozen).` : 'Assessment saved.') });

export const signOffAssessmentAction = validatedAction(assessmentIdSchema, async ({ id }, actor) => refresh(['/privacy/assessments', `/privacy/assessments/${id}`], await signOffAssessment(actor, id)), {
  successMessage: (r) => (r.consultationTaskId ? 'Signed off. Residual risk is high: a prior-consultation task (Art. 36) was raised.' : 'Signed off; this version is now frozen.'),
});

export const updatePrivacySettingsAction = validatedAction(privacySettingsFormSchema, async (input, actor) => refresh([], await updatePrivacySettings(actor, input)), {
  successMessage: (r) => (r.publicFormEnabled ? 'The public request form is open.' : 'The public request form is closed.'),
});

export const saveRetentionRuleAction = validatedAction(retentionRuleSchema, async (input, actor) => refresh(['/privacy/retention'], await saveRetentionRule(actor, input)), {
  successMessage: 'Retention rule saved.',
});
export const deleteRetentionRuleAction = validatedAction(retentionRuleIdSchema, async ({ id }, actor) => refresh(['/privacy/retention'], await deleteRetentionRule(actor, id)), {
  successMessage: 'Retention rule removed.',
});
export const answerMinimisationAction = validatedAction(minimisationAnswerFormSchema, async ({ reviewId, ...input }, actor) => refresh(['/privacy/minimisation', `/privacy/minimisation/${reviewId}`], await answerMinimisationItem(actor, input)), {
  successMessage: (r) => (r.reviewCompleted ? 'Answered; the review is complete.' : 'Answered.'),
});
export const storeAssessmentEvidenceAction = validatedAction(assessmentIdSchema, async ({ id }, actor) => refresh(['/privacy/assessments', `/privacy/assessments/${id}`], await storeAssessmentEvidence(actor, id)), {
  successMessage: (r) => `Stored as evidence for ${r.requirements} requirement${r.requirements === 1 ? '' : 's'}.`,
});
export const anonymisationCheckAction = validatedAction(anonymisationFormSchema, async (input, actor) => runAnonymisationCheck(actor, input), {
  successMessage: (r) => (r.warnings.length ? `Checked ${r.rows} rows: ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}.` : `Checked ${r.rows} rows: k = ${r.k}${r.l !== null ? `, l = ${r.l}` : ''}, no warning.`),
});
