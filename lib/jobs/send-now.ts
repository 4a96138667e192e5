import 'server-only';

/** Asks a worker to run a scheduled job now rather than at its next slot
 *  (e.g. webhook deliveries right after a replay). Best effort: the schedule
 *  runs it anyway, so a failure here is only logged. */
export async function sendJobNow(name: string): Promise<void> {
  try {
    // Loaded on use: the registry imports the domains that call this.
    const { jobBoss } = await import('./instance');
    const boss = await jobBoss();
    await boss.send(name, {});
  } catch (error) {
    console.error(`jobs: could not queue an immediate run of ${name} (${(error as Error).message}); its schedule will run it`);
  }
}
