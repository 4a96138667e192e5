'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
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
import { saveResponseTarget } from './mutations/incident-settings';
import { savePostmortem } from './mutations/save-postmortem';
import {
  actionIdSchema,
  correctiveActionSchema,
  detailsFormSchema,
  exerciseSchema,
  incidentFindingSchema,
  milestoneFormSchema,
  notificationFactsFormSchema,
  notificationSchema,
  overrideSeveritySchema,
  postmortemSchema,
  reportIncidentSchema,
  responsePlanSchema,
  responseTargetSchema,
  rollbackSchema,
  timelineEntrySchema,
} from './schema';
import { notificationRuleInputSchema, rulePreviewSchema } from './rules/input';
import { loadShippedNotificationRules, previewNotificationRule, saveNotificationRule } from './rules/library';

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

export const updateNotificationFactsAction = validatedAction(notificationFactsFormSchema, async ({ id, ...facts }, actor) => refresh(await updateIncident(actor, id, facts), id), {
  successMessage: 'Notification facts saved; the obligations follow.',
});

export const saveNotificationRuleAction = validatedAction(notificationRuleInputSchema, async (input, actor) => {
  const out = await saveNotificationRule(actor, input);
  revalidatePath('/incidents', 'layout');
  return out;
}, { successMessage: (r) => `Rule ${r.key} saved${r.customised ? ' (your own version)' : ' (as shipped)'}.` });

export const previewNotificationRuleAction = validatedAction(rulePreviewSchema, async (input, actor) => previewNotificationRule(actor, input), {
  successMessage: (p) => (p.applies ? `Applies to ${p.sample}.` : `Does not apply to ${p.sample}.`),
});

export const loadShippedRulesAction = validatedAction(z.object({}), async (_input, actor) => {
  const out = await loadShippedNotificationRules(actor);
  revalidatePath('/incidents', 'layout');
  return out;
}, {
  successMessage: (r) =>
    `Shipped rules version ${r.toVersion} loaded: ${r.created.length} added, ${r.updated.length} updated, ${r.unchanged} unchanged${r.retired.length ? `, retired ${r.retired.join(', ')}` : ''}${r.conflicts.length ? `; your edits kept (conflicts): ${r.conflicts.map((c) => c.key).join(', ')}` : ''}.`,
});

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
