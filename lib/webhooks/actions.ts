'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { allowHost, createEndpoint, deleteEndpoint, removeAllowedHost, replayDelivery, rotateSecret, sendTestEvent, setEndpointEnabled } from './mutations';
import { allowHostSchema, allowedHostIdSchema, createEndpointSchema, deliveryIdSchema, endpointIdSchema, rotateSecretSchema, setEnabledSchema } from './schema';

export const createEndpointAction = validatedAction(createEndpointSchema, async (input, actor) => {
  const created = await createEndpoint(actor, input);
  revalidatePath('/admin/webhooks');
  return created;
});

export const rotateSecretAction = validatedAction(rotateSecretSchema, async (input, actor) => {
  const rotated = await rotateSecret(actor, input);
  revalidatePath(`/admin/webhooks/${input.id}`);
  return rotated;
});

export const setEndpointEnabledAction = validatedAction(
  setEnabledSchema,
  async (input, actor) => {
    const result = await setEndpointEnabled(actor, input);
    revalidatePath('/admin/webhooks');
    revalidatePath(`/admin/webhooks/${input.id}`);
    return result;
  },
  { successMessage: (r) => (r.enabled ? 'Endpoint enabled.' : 'Endpoint disabled.') },
);

export const deleteEndpointAction = validatedAction(
  endpointIdSchema,
  async (input, actor) => {
    const result = await deleteEndpoint(actor, input);
    revalidatePath('/admin/webhooks');
    return result;
  },
  { successMessage: 'Endpoint deleted.' },
);

export const replayDeliveryAction = validatedAction(
  deliveryIdSchema,
  async (input, actor) => {
    const result = await replayDelivery(actor, input);
    revalidatePath(`/admin/webhooks/${result.endpointId}`);
    return result;
  },
  { successMessage: 'Replay queued: it appears at the top of the log.' },
);

export const sendTestEventAction = validatedAction(
  endpointIdSchema,
  async (input, actor) => {
    const result = await sendTestEvent(actor, input);
    revalidatePath(`/admin/webhooks/${input.id}`);
    return result;
  },
  { successMessage: 'Test message queued.' },
);

export const allowHostAction = validatedAction(
  allowHostSchema,
  async (input, actor) => {
    const result = await allowHost(actor, input);
    revalidatePath('/admin/webhooks');
    return result;
  },
  { successMessage: (r) => `${r.host} allowed.` },
);

export const removeAllowedHostAction = validatedAction(
  allowedHostIdSchema,
  async (input, actor) => {
    const result = await removeAllowedHost(actor, input);
    revalidatePath('/admin/webhooks');
    return result;
  },
  { successMessage: 'Host removed from the allow-list.' },
);
