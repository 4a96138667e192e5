import { seedFoundation } from './foundation';
import { seedRequirements } from './requirements';

/**
 * Demo data, idempotent: each domain's seed checks what exists and only adds
 * what is missing, so the first start seeds and later starts do nothing.
 */
export async function seedDemo(log: (line: string) => void = console.log): Promise<void> {
  const { orgId, created } = await seedFoundation();
  log(created ? `seed: created organisation and demo users (${orgId})` : 'seed: demo organisation already present');
  await seedRequirements(orgId, log);
}
