'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { addThreatEntry, createThreatModel, removeThreatEntry, updateThreatEntry, updateThreatModel } from './mutations';
import { addThreatEntrySchema, createThreatModelSchema, removeThreatEntrySchema, updateThreatEntrySchema, updateThreatModelSchema } from './schema';

const refresh = <T,>(id: string | null, data: T) => {
  revalidatePath('/threats');
  if (id) revalidatePath(`/threats/${id}`);
  return data;
};

export const createThreatModelAction = validatedAction(createThreatModelSchema, async (input, actor) => refresh(null, await createThreatModel(actor, input)), {
  successMessage: 'Threat model started.',
});

export const updateThreatModelAction = validatedAction(updateThreatModelSchema, async (input, actor) => refresh(input.id, await updateThreatModel(actor, input)), {
  successMessage: 'Threat model saved.',
});

export const addThreatEntryAction = validatedAction(addThreatEntrySchema, async (input, actor) => refresh(input.threatModelId, await addThreatEntry(actor, input)), {
  successMessage: 'Technique added to the threat model.',
});

export const updateThreatEntryAction = validatedAction(updateThreatEntrySchema, async (input, actor) => {
  const r = await updateThreatEntry(actor, input);
  return refresh(r.threatModelId, r);
}, { successMessage: 'Technique saved.' });

export const removeThreatEntryAction = validatedAction(removeThreatEntrySchema, async (input, actor) => {
  const r = await removeThreatEntry(actor, input);
  return refresh(r.threatModelId, r);
}, { successMessage: 'Technique removed from the threat model.' });
