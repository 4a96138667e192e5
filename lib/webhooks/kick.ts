import 'server-only';
import { jobBoss } from '@/lib/jobs/instance';

export const DISPATCH_JOB = 'events.dispatch';
export const DELIVER_JOB = 'webhooks.deliver';

/** Asks a worker to send due deliveries now rather than at the next minute's
 *  scheduled run. Best effort: the schedule sends them anyway. */
export async function kickDeliveries(): Promise<void> {
  try {
    const boss = await jobBoss();
    await boss.send(DELIVER_JOB, {});
  } catch (error) {
    console.error(`webhooks: could not queue an immediate delivery run (${(error as Error).message}); the scheduled run will send it`);
  }
}
