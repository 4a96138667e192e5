'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/api/action';
import { createCalendarFeed, revokeCalendarFeed } from './mutations';
import { feedIdSchema } from './schema';

export const createCalendarFeedAction = validatedAction(z.object({}), async (_input, actor) => {
  const feed = await createCalendarFeed(actor);
  revalidatePath('/calendar');
  return feed;
});

export const revokeCalendarFeedAction = validatedAction(
  feedIdSchema,
  async (input, actor) => {
    const result = await revokeCalendarFeed(actor, input);
    revalidatePath('/calendar');
    return result;
  },
  { successMessage: 'Feed URL revoked: calendars using it stop updating.' },
);
