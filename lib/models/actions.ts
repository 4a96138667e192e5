'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { AppError } from '@/lib/errors';
import { acceptMitigation, setFairnessThresholds } from './mutations/fairness';
import { changeStage, signOffVersion } from './mutations/stage';
import { createDataset, linkDataset } from './mutations/datasets';
import { createModel } from './mutations/create-model';
import { createVersion, updateVersion, uploadFairness } from './mutations/versions';
import { setGatePolicy } from './mutations/gate-policy';
import { rollbackModel } from './rollback';
import {
  artifactFormSchema,
  cardFormSchema,
  createDatasetSchema,
  createModelSchema,
  createVersionFormSchema,
  fairnessFormSchema,
  lineageFormSchema,
  mitigationFormSchema,
  rollbackFormSchema,
  signOffFormSchema,
  stageFormSchema,
  thresholdsSchema,
  gatePolicyFormSchema,
} from './schema';
import { parseFairnessFile } from './upload';

const refresh = <T,>(data: T) => {
  revalidatePath('/models', 'layout');
  revalidatePath('/datasets', 'layout');
  return data;
};

export const createModelAction = validatedAction(createModelSchema, async (input, actor) => refresh(await createModel(actor, input)), {
  successMessage: (m) => `Model ${m.name} registered.`,
});

export const createVersionAction = validatedAction(createVersionFormSchema, async ({ model, ...input }, actor) => refresh(await createVersion(actor, model, input)), {
  successMessage: (v) => `Version ${v.label} registered as a draft.`,
});

export const updateArtifactAction = validatedAction(artifactFormSchema, async ({ model, version, ...input }, actor) => refresh(await updateVersion(actor, model, version, input)), {
  successMessage: 'Saved.',
});

export const updateModelCardAction = validatedAction(cardFormSchema, async ({ model, version, ...card }, actor) => refresh(await updateVersion(actor, model, version, { modelCard: card })), {
  successMessage: 'Model card saved.',
});

export const uploadFairnessAction = validatedAction(fairnessFormSchema, async ({ model, version, kind, attribute, text, file }, actor) => {
  const content = file && file.size > 0 ? await file.text() : text;
  if (file && file.size > 5 * 1024 * 1024) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than 5 MB.');
  if (kind === 'predictions' && !attribute) throw new AppError('VALIDATION', 'Name the group attribute the predictions are grouped by.', { fieldErrors: { attribute: ['Required for predictions'] } });
  const upload = parseFairnessFile(kind, content, attribute);
  return refresh(await uploadFairness(actor, model, version, upload));
}, { successMessage: (r) => `Stored ${r.groups} group result${r.groups === 1 ? '' : 's'}${r.computed ? ' computed from the predictions' : ''}.` });

export const linkDatasetAction = validatedAction(lineageFormSchema, async ({ model, version, ...link }, actor) => refresh(await linkDataset(actor, model, version, link)), {
  successMessage: 'Dataset linked.',
});

export const changeStageAction = validatedAction(stageFormSchema, async ({ model, version, target, reason }, actor) => refresh(await changeStage(actor, model, version, { target, reason })), {
  successMessage: (r) => `The version is now ${r.stage.toLowerCase().replace('_', ' ')}.`,
});

export const signOffAction = validatedAction(signOffFormSchema, async ({ model, version, ...input }, actor) => refresh(await signOffVersion(actor, model, version, input)), {
  successMessage: (r) => (r.approved ? 'Signed off. Both sign-offs are in: the version is approved and its attestation signed.' : 'Signed off.'),
});

export const acceptMitigationAction = validatedAction(mitigationFormSchema, async ({ model, version, ...input }, actor) => refresh(await acceptMitigation(actor, model, version, input)), {
  successMessage: 'Mitigation accepted.',
});

export const setThresholdsAction = validatedAction(thresholdsSchema, async (input, actor) => refresh(await setFairnessThresholds(actor, input)), {
  successMessage: 'Thresholds saved.',
});

export const setGatePolicyAction = validatedAction(
  gatePolicyFormSchema,
  async (input, actor) => {
    const r = await setGatePolicy(actor, input);
    revalidatePath('/admin/gate-policy');
    return refresh(r);
  },
  { successMessage: 'Gate policy saved.' },
);

export const rollbackAction = validatedAction(rollbackFormSchema, async ({ modelId, reason, incidentId }, actor) => refresh(await rollbackModel(actor, modelId, { reason, incidentId })), {
  successMessage: (r) => `Rolled back from ${r.from.label} to ${r.to.label}.`,
});

export const createDatasetAction = validatedAction(createDatasetSchema, async (input, actor) => refresh(await createDataset(actor, input)), {
  successMessage: (d) => `Dataset ${d.name} registered.`,
});
