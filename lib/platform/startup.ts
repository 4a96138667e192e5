import { readEnv, type Env } from '@/lib/env';

export function checkEnvironmentOrExit(): Env {
  try {
    return readEnv();
  } catch (error) {
    console.error(`Refusing to start: ${(error as Error).message}`);
    process.exit(1);
  }
}
