// Runs the demo seed against DATABASE_URL. Demo accounts exist only in demo
// mode: without DEMO_MODE=true this refuses to run.
import { seedDemo } from './index';

async function main() {
  if (!['true', '1'].includes(process.env.DEMO_MODE ?? '')) {
    console.error('seed: refusing to create demo accounts outside demo mode (set DEMO_MODE=true).');
    process.exit(1);
  }
  const started = Date.now();
  await seedDemo();
  console.log(`seed: done in ${Date.now() - started} ms`);
  const { db } = await import('@/lib/db');
  await db.$disconnect();
}

main().catch((error) => {
  console.error('seed: failed', error);
  process.exit(1);
});
