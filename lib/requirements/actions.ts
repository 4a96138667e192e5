'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/api/action';
import { loadLibrary } from './library';
import { addMapping, createControl, removeMapping, updateControl } from './mutations/controls';
import { assignOwners, createFramework, createRequirement, updateFramework, updateRequirement } from './mutations/library';
import { bulkUpdateCells, updateCell } from './mutations/matrix-cells';
import { createSystem, setSystemFrameworks, updateSystem } from './mutations/systems';
import { recordReview } from './mutations/reviews';
import { createCrosswalkMapping, removeCrosswalkMapping, updateCrosswalkMapping } from './mutations/crosswalk';
import { crosswalkImportFormSchema, crosswalkMappingInputSchema, updateCrosswalkMappingSchema } from './schema/crosswalk';
import { importCrosswalkFile } from './crosswalk-files';
import { AppError } from '@/lib/errors';
import { IMPORT_MAX_BYTES } from './schema/imports';
import { assignOwnerSchema, createFrameworkSchema, createRequirementSchema, updateFrameworkSchema, updateRequirementSchema } from './schema/library';
import { bulkUpdateCellsSchema, updateCellSchema } from './schema/matrix';
import { controlInputSchema, mappingInputSchema } from './schema/controls';
import { recordReviewSchema } from './schema/reviews';
import { setSystemFrameworksSchema, systemInputSchema, updateSystemSchema } from './schema/systems';
import { statusSchema } from './schema/vocabulary';

const refresh = <T,>(data: T) => {
  revalidatePath('/requirements', 'layout');
  return data;
};

export const updateCellAction = validatedAction(updateCellSchema, async (input, actor) => refresh(await updateCell(actor, input)), { successMessage: 'Cell saved.' });

export const bulkUpdateCellsAction = validatedAction(bulkUpdateCellsSchema, async (input, actor) => refresh(await bulkUpdateCells(actor, input)), {
  successMessage: (r) => `${r.updated} cell${r.updated === 1 ? '' : 's'} updated.`,
});

export const loadLibraryAction = validatedAction(z.object({}), async (_input, actor) => refresh(await loadLibrary(actor)), {
  successMessage: (r) => {
    const created = r.frameworks.reduce((n, f) => n + f.created, 0);
    const updated = r.frameworks.reduce((n, f) => n + f.updated, 0);
    const conflicts = r.frameworks.reduce((n, f) => n + f.conflicts.length, 0);
    return `Library loaded: ${created} requirements added, ${updated} updated, ${conflicts} conflict${conflicts === 1 ? '' : 's'} with your edits kept.`;
  },
});

export const createFrameworkAction = validatedAction(createFrameworkSchema, async (input, actor) => refresh(await createFramework(actor, input)), {
  successMessage: (f) => `Framework “${f.name}” created.`,
});

export const updateFrameworkAction = validatedAction(updateFrameworkSchema, async (input, actor) => refresh(await updateFramework(actor, input)), {
  successMessage: 'Framework saved.',
});

export const createRequirementAction = validatedAction(createRequirementSchema, async (input, actor) => refresh(await createRequirement(actor, input)), {
  successMessage: (r) => `Requirement ${r.ref} added.`,
});

// A hidden "false" before each checkbox makes an unticked box arrive; a ticked one sends both, the last wins.
const checkbox = z.preprocess((v) => {
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return last === 'on' || last === 'true' || last === true;
}, z.boolean());
const requirementFormSchema = updateRequirementSchema.extend({ aiSpecific: checkbox.optional(), statusFromControls: checkbox.optional() });
export const updateRequirementAction = validatedAction(requirementFormSchema, async (input, actor) => refresh(await updateRequirement(actor, input)), { successMessage: 'Requirement saved.' });

export const assignOwnersAction = validatedAction(assignOwnerSchema, async (input, actor) => refresh(await assignOwners(actor, input)), {
  successMessage: (r) => `${r.updated} owner${r.updated === 1 ? '' : 's'} updated.`,
});

export const createSystemAction = validatedAction(systemInputSchema, async (input, actor) => refresh(await createSystem(actor, input)), {
  successMessage: (s) => `AI system “${s.name}” created. Suggested frameworks: ${s.suggestedFrameworks.join(', ')} — confirm them below.`,
});

export const updateSystemAction = validatedAction(updateSystemSchema, async (input, actor) => refresh(await updateSystem(actor, input)), { successMessage: 'AI system saved.' });

export const setSystemFrameworksAction = validatedAction(setSystemFrameworksSchema, async (input, actor) => refresh(await setSystemFrameworks(actor, input)), {
  successMessage: 'Applicable frameworks confirmed.',
});

export const createControlAction = validatedAction(controlInputSchema, async (input, actor) => refresh(await createControl(actor, input)), {
  successMessage: (c) => `Control ${c.key} created.`,
});

export const setControlStatusAction = validatedAction(z.object({ id: z.string().min(1).max(64), status: statusSchema }), async (input, actor) => refresh(await updateControl(actor, input)), {
  successMessage: 'Control status saved.',
});

export const addMappingAction = validatedAction(mappingInputSchema, async (input, actor) => refresh(await addMapping(actor, input)), { successMessage: 'Mapping added.' });

export const removeMappingAction = validatedAction(z.object({ id: z.string().min(1).max(64) }), async ({ id }, actor) => refresh(await removeMapping(actor, id)), {
  successMessage: 'Mapping removed.',
});

export const recordReviewAction = validatedAction(recordReviewSchema, async (input, actor) => refresh(await recordReview(actor, input)), {
  successMessage: (r) => `Review recorded for ${r.quarter}.`,
});

export const createCrosswalkMappingAction = validatedAction(crosswalkMappingInputSchema, async (input, actor) => refresh(await createCrosswalkMapping(actor, input)), {
  successMessage: (m) => `Mapped ${m.from} to ${m.to}.`,
});

export const updateCrosswalkMappingAction = validatedAction(updateCrosswalkMappingSchema, async (input, actor) => refresh(await updateCrosswalkMapping(actor, input)), {
  successMessage: (r) => (r.changed ? 'Mapping saved.' : 'Nothing changed.'),
});

export const removeCrosswalkMappingAction = validatedAction(z.object({ id: z.string().min(1).max(64) }), async ({ id }, actor) => refresh(await removeCrosswalkMapping(actor, id)), {
  successMessage: 'Mapping removed.',
});

export const importCrosswalkAction = validatedAction(
  crosswalkImportFormSchema,
  async ({ file }, actor) => {
    if (file.size > IMPORT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it and import it in parts.`, { fieldErrors: { file: ['Too large'] } });
    return refresh(await importCrosswalkFile(actor, { fileName: file.name || 'crosswalk', text: await file.text() }));
  },
  { successMessage: (r) => `Crosswalk imported: ${r.created} added, ${r.updated} updated, ${r.unchanged} unchanged.` },
);
