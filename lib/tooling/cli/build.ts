import { buildProduction } from '@/lib/platform/build-cache';
import { binPath, run } from '@/lib/platform/process';

// npm run build: the Prisma client, then a fresh production build whose
// sources' hash is recorded, so `npm test` and `npm run demo` reuse it.
const generated = await run(binPath('tsx'), ['lib/tooling/cli/generate.ts']);
if (generated !== 0) process.exit(generated);
try {
  const ms = await buildProduction({ ...process.env });
  console.log(`next build finished in ${(ms / 1000).toFixed(1)} s`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
