'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { addActionItem, addAttendee, addDecision, closeReview, removeAttendee, saveMinutes, setActionItemStatus, startReview } from './mutations';
import {
  actionItemSchema,
  actionItemStatusSchema,
  attendeeSchema,
  closeReviewSchema,
  decisionSchema,
  minutesSchema,
  removeAttendeeSchema,
  startReviewSchema,
} from './schema';

const refresh = <T,>(data: T) => {
  revalidatePath('/reviews', 'layout');
  revalidatePath('/');
  return data;
};

export const startReviewAction = validatedAction(startReviewSchema, async (input, actor) => refresh(await startReview(actor, input)), { successMessage: 'Review started.' });
export const saveMinutesAction = validatedAction(minutesSchema, async (input, actor) => refresh(await saveMinutes(actor, input)), { successMessage: 'Minutes saved.' });
export const addAttendeeAction = validatedAction(attendeeSchema, async (input, actor) => refresh(await addAttendee(actor, input)), { successMessage: 'Attendee added.' });
export const removeAttendeeAction = validatedAction(removeAttendeeSchema, async (input, actor) => refresh(await removeAttendee(actor, input)), { successMessage: 'Attendee removed.' });
export const addDecisionAction = validatedAction(decisionSchema, async (input, actor) => refresh(await addDecision(actor, input)), { successMessage: 'Decision recorded.' });
export const addActionItemAction = validatedAction(actionItemSchema, async (input, actor) => refresh(await addActionItem(actor, input)), { successMessage: 'Action item added.' });
export const setActionItemStatusAction = validatedAction(actionItemStatusSchema, async (input, actor) => refresh(await setActionItemStatus(actor, input)), {
  successMessage: (r) => (r.status === 'DONE' ? 'Marked done.' : 'Reopened.'),
});
export const closeReviewAction = validatedAction(closeReviewSchema, async ({ reviewId }, actor) => refresh(await closeReview(actor, reviewId)), {
  successMessage: (r) => `Review closed. Snapshot SHA-256 ${r.snapshotHash.slice(0, 16)}… is in the audit trail.`,
});
