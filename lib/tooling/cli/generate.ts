import { existsSync } from 'node:fs';
import { binPath, run } from '@/lib/platform/process';

// `prisma generate` needs no schema engine, but the CLI looks for one first
// and tries to download it, which fails offline. Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any executable skips the download.
const placeholderEngine = ['/bin/true', '/usr/bin/true'].find((file) => existsSync(file)) ?? process.execPath;

const code = await run(binPath('prisma'), ['generate'], {
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholderEngine,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(code);
