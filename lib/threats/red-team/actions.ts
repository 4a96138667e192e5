'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { completeRedTeamExercise, createRedTeamExercise, openIncidentFromRedTeam, recordRedTeamResult } from './mutations';
import { completeRedTeamExerciseSchema, createRedTeamExerciseSchema, openRedTeamIncidentSchema, recordRedTeamResultSchema } from './schema';

const refresh = <T,>(id: string | null, data: T) => {
  revalidatePath('/threats/red-team');
  if (id) revalidatePath(`/threats/red-team/${id}`);
  return data;
};

export const createRedTeamExerciseAction = validatedAction(createRedTeamExerciseSchema, async (input, actor) => refresh(null, await createRedTeamExercise(actor, input)), {
  successMessage: 'Red-team exercise planned.',
});

export const recordRedTeamResultAction = validatedAction(recordRedTeamResultSchema, async (input, actor) => {
  const r = await recordRedTeamResult(actor, input);
  return refresh(r.exerciseId, r);
}, { successMessage: (r) => (r.findingId && r.result === 'SUCCEEDED' ? 'Result recorded; the successful attack is a finding.' : 'Result recorded.') });

export const completeRedTeamExerciseAction = validatedAction(completeRedTeamExerciseSchema, async (input, actor) => refresh(input.id, await completeRedTeamExercise(actor, input)), {
  successMessage: 'Exercise completed.',
});

export const openRedTeamIncidentAction = validatedAction(openRedTeamIncidentSchema, async (input, actor) => {
  const r = await openIncidentFromRedTeam(actor, input);
  revalidatePath('/incidents');
  return refresh(r.exerciseId, r);
}, { successMessage: 'Incident opened from the successful attack.' });
