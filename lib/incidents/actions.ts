'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { addCorrectiveAction, completeCorrectiveAction } from './mutations/corrective-actions';
import { addTimelineEntry } from './mutations/add-timeline-entry';
import { createFindingFromIncident } from './mutations/create-finding-from-incident';
import { overrideSeverity, recordMilestone, updateIncident } from './mutations/update-incident';
import { recordExercise, saveResponsePlan } from './mutations/response-plans';
import { recordNotification } from './mutations/record-notification';
import { reportIncident } from './mutations/report-incident';
import { rollbackFromIncident } from './mutations/rollback-from-incident';
import { saveNotificationRule, saveResponseTarget } from './mutations/incident-settings';
import { savePostmortem } from './mutations/save-postmortem';
import {
  actionIdSchema,
  correctiveActionSchema,
  detailsFormSchema,
  exerciseSchema,
  incidentFindingSchema,
  milestoneFormSchema,
  notificationRuleSchema,
  notificationSchema,
  overrideSeveritySchema,
  postmortemSchema,
  reportIncidentSchema,
  responsePlanSchema,
  responseTargetSchema,
  rollbackSchema,
  timelineEntrySchema,
} from './schema';

const refresh = <T,>(data: T, id?: string) => {
  revalidatePath('/incidents');
  if (id) revalidatePath(`/incidents/${id}`);
  return data;
};

const report = validatedAction(reportIncidentSchema, async (input, actor) => refresh(await reportIncident(actor, input)));

/** Reports, then opens the new incident (the redirect stays outside any try/catch). */
export async function reportIncidentAction(prev: Parameters<typeof report>[0], form: FormData) {
  const result = await report(prev, form);
  if (result.ok) redirect(`/incidents/${result.data.id}`);
  return result;
}

export const updateDetailsAction = validatedAction(detailsFormSchema, async ({ id, ...details }, actor) => refresh(await updateIncident(actor, id, details), id), {
  successMessage: 'Details saved.',
});

export const recordMilestoneAction = validatedAction(milestoneFormSchema, async ({ id, milestone, at }, actor) => refresh(await recordMilestone(actor, id, milestone, at), id), {
  successMessage: (r) => `Status is now ${r.status.toLowerCase()}.`,
});

export const overrideSeverityAction = validatedAction(overrideSeveritySchema, async ({ id, severity, reason }, actor) => refresh(await overrideSeverity(actor, id, severity, reason), id), {
  successMessage: (r) => `Severity set to ${r.severity}.`,
});

export const addTimelineEntryAction = validatedAction(timelineEntrySchema, async (input, actor) => refresh(await addTimelineEntry(actor, input), input.id), {
  successMessage: 'Added to the timeline.',
});

export const recordNotificationAction = validatedAction(notificationSchema, async (input, actor) => refresh(await recordNotification(actor, input), input.id), {
  successMessage: 'Notification recorded.',
});

export const rollbackAction = validatedAction(rollbackSchema, async (input, actor) => refresh(await rollbackFromIncident(actor, input), input.id), {
  successMessage: (r) => `Rolled ${r.model} back from ${r.from.label} to ${r.to.label}.`,
});

export const createFindingAction = validatedAction(incidentFindingSchema, async (input, actor) => refresh(await createFindingFromIncident(actor, input), input.id), {
  successMessage: 'Finding raised and linked to the incident.',
});

export const addCorrectiveActionAction = validatedAction(correctiveActionSchema, async (input, actor) => refresh(await addCorrectiveAction(actor, input), input.id), {
  successMessage: 'Corrective action added.',
});

export const completeCorrectiveActionAction = validatedAction(actionIdSchema, async ({ actionId }, actor) => refresh(await completeCorrectiveAction(actor, actionId)), {
  successMessage: 'Marked done.',
});

export const savePostmortemAction = validatedAction(postmortemSchema, async (input, actor) => refresh(await savePostmortem(actor, input), input.id), {
  successMessage: 'Postmortem saved.',
});

export const saveResponseTargetAction = validatedAction(responseTargetSchema, async (input, actor) => {
  const out = await saveResponseTarget(actor, input);
  revalidatePath('/incidents', 'layout');
  return out;
}, { successMessage: (t) => `${t.severity} targets saved.` });

export const saveNotificationRuleAction = validatedAction(notificationRuleSchema, async (input, actor) => {
  const out = await saveNotificationRule(actor, input);
  revalidatePath('/incidents', 'layout');
  return out;
}, { successMessage: (r) => `Rule ${r.key} saved.` });

export const saveResponsePlanAction = validatedAction(responsePlanSchema, async (input, actor) => {
  const out = await saveResponsePlan(actor, input);
  revalidatePath('/incidents/plans');
  return out;
}, { successMessage: (p) => `Plan saved as version ${p.version}.` });

export const recordExerciseAction = validatedAction(exerciseSchema, async (input, actor) => {
  const out = await recordExercise(actor, input);
  revalidatePath('/incidents/plans');
  return out;
}, { successMessage: 'Exercise recorded.' });
