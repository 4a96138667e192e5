'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { addCommitteeMember, recordCommitteeMeeting, removeCommitteeMember, saveCommittee, setSystemRaci } from './mutations';
import { addMemberSchema, recordMeetingSchema, removeMemberSchema, saveCommitteeSchema, setRaciSchema } from './schema';

const refresh = <T>(r: T) => {
  revalidatePath('/policies/governance');
  return r;
};

export const saveCommitteeAction = validatedAction(saveCommitteeSchema, async (input, actor) => refresh(await saveCommittee(actor, input)), { successMessage: 'Committee saved.' });
export const addCommitteeMemberAction = validatedAction(addMemberSchema, async (input, actor) => refresh(await addCommitteeMember(actor, input)), { successMessage: 'Member added.' });
export const removeCommitteeMemberAction = validatedAction(removeMemberSchema, async (input, actor) => refresh(await removeCommitteeMember(actor, input)), { successMessage: 'Member removed.' });
export const recordCommitteeMeetingAction = validatedAction(recordMeetingSchema, async (input, actor) => refresh(await recordCommitteeMeeting(actor, input)), { successMessage: 'Meeting recorded.' });
export const setSystemRaciAction = validatedAction(setRaciSchema, async (input, actor) => {
  const r = await setSystemRaci(actor, input);
  revalidatePath('/requirements/systems');
  return r;
}, { successMessage: 'RACI saved.' });
