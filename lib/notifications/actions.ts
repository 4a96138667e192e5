'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/api/action';
import { markAllNotificationsRead, markNotificationRead, updateNotificationPreferences } from './mutations';
import { updateReminderRule } from './rule-settings';
import { updateRuleSchema } from './rules';
import { markReadSchema, preferencesFormSchema } from './schema';

export const markNotificationReadAction = validatedAction(
  markReadSchema,
  async (input, actor) => {
    const result = await markNotificationRead(actor, input);
    revalidatePath('/', 'layout');
    return result;
  },
  { successMessage: 'Marked as read.' },
);

export const markAllNotificationsReadAction = validatedAction(
  z.object({}),
  async (_input, actor) => {
    const result = await markAllNotificationsRead(actor);
    revalidatePath('/', 'layout');
    return result;
  },
  { successMessage: (r) => (r.updated ? `${r.updated} notification${r.updated === 1 ? '' : 's'} marked as read.` : 'Nothing was unread.') },
);

export const updateNotificationPreferencesAction = validatedAction(
  preferencesFormSchema,
  async (input, actor) => {
    const result = await updateNotificationPreferences(actor, input);
    revalidatePath('/notifications/preferences');
    return result;
  },
  { successMessage: 'Preferences saved.' },
);

export const updateReminderRuleAction = validatedAction(
  updateRuleSchema,
  async (input, actor) => {
    const result = await updateReminderRule(actor, { ...input, leadDays: input.leadDays?.join(',') });
    revalidatePath('/admin/notification-rules');
    return result;
  },
  { successMessage: 'Rule saved.' },
);
