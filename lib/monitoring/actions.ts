'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { actOnAlert, createMonitor, updateMonitor } from './mutations';
import { alertActionFormSchema, createMonitorFormSchema, updateMonitorSchema } from './schema';

// Every monitoring page shows alerts and settings: refresh the section.
const refresh = <T,>(_versionId: string | null, data: T) => {
  revalidatePath('/monitoring', 'layout');
  return data;
};

export const acknowledgeAlertAction = validatedAction(alertActionFormSchema, async ({ id, note }, actor) => refresh(null, await actOnAlert(actor, id, { action: 'acknowledge', note })), {
  successMessage: 'Alert acknowledged.',
});

export const resolveAlertAction = validatedAction(alertActionFormSchema, async ({ id, note }, actor) => refresh(null, await actOnAlert(actor, id, { action: 'resolve', note })), {
  successMessage: 'Alert resolved.',
});

export const createMonitorAction = validatedAction(
  createMonitorFormSchema,
  async ({ groupAttributes, ...input }, actor) => {
    const created = await createMonitor(actor, { ...input, ...(groupAttributes.length ? { groupAttributes } : {}) });
    return refresh(created.versionId, created);
  },
  { successMessage: (r) => `Monitor configured: ${r.metrics} metrics, ${r.features} features.` },
);

export const updateMonitorAction = validatedAction(updateMonitorSchema, async (input, actor) => {
  const r = await updateMonitor(actor, input);
  return refresh(r.versionId, r);
}, { successMessage: 'Monitor settings saved.' });
