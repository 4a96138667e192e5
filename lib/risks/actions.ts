'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { AppError } from '@/lib/errors';
import { acceptRisk, closeRisk, createRisk, reviewRisk, saveScaleLevel, updateRisk } from './mutations';
import { addRiskTaskSchema, setRiskTaskStatusSchema } from './schema';
import { addRiskTask, setRiskTaskStatus } from './task-mutations';
import { acceptRiskSchema, closeRiskSchema, createRiskSchema, importFormSchema, reviewRiskSchema, scaleLevelSchema, updateRiskSchema } from './schema';
import { IMPORT_MAX_BYTES, importRisks, parseRiskFile } from './transfer';

const refresh = <T,>(id: string | null, data: T) => {
  revalidatePath('/risks');
  if (id) revalidatePath(`/risks/${id}`);
  return data;
};

export const createRiskAction = validatedAction(createRiskSchema, async (input, actor) => refresh(null, await createRisk(actor, input)), {
  successMessage: (r) => `Risk ${r.ref} registered.`,
});

export const updateRiskAction = validatedAction(updateRiskSchema, async (input, actor) => refresh(input.id, await updateRisk(actor, input)), {
  successMessage: 'Risk saved.',
});

export const acceptRiskAction = validatedAction(acceptRiskSchema, async (input, actor) => refresh(input.id, await acceptRisk(actor, input)), {
  successMessage: 'Risk accepted until the expiry date.',
});

export const reviewRiskAction = validatedAction(reviewRiskSchema, async (input, actor) => refresh(input.id, await reviewRisk(actor, input)), {
  successMessage: 'Review recorded.',
});

export const closeRiskAction = validatedAction(closeRiskSchema, async (input, actor) => refresh(input.id, await closeRisk(actor, input)), {
  successMessage: 'Risk closed.',
});

export const saveScaleLevelAction = validatedAction(scaleLevelSchema, async (input, actor) => refresh(null, await saveScaleLevel(actor, input)), {
  successMessage: 'Scale wording saved.',
});

export const importRisksAction = validatedAction(
  importFormSchema,
  async ({ file }, actor) => {
    if (file.size > IMPORT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than 5 MB; split it and import it in parts.', { fieldErrors: { file: ['Too large'] } });
    const rows = await parseRiskFile(file.name, Buffer.from(await file.arrayBuffer()));
    return refresh(null, await importRisks(actor, rows));
  },
  { successMessage: (r) => `Imported: ${r.created} risks added, ${r.updated} updated.` },
);

export const addRiskTaskAction = validatedAction(addRiskTaskSchema, async (input, actor) => refresh(input.riskId, await addRiskTask(actor, input)), { successMessage: 'Task added.' });
export const setRiskTaskStatusAction = validatedAction(setRiskTaskStatusSchema, async (input, actor) => {
  const r = await setRiskTaskStatus(actor, input);
  return refresh(r.riskId, r);
}, { successMessage: (r) => (r.status === 'DONE' ? 'Task done.' : 'Task reopened.') });
