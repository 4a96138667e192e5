import { readEnv } from '@/lib/env';

export function checkEnvironmentOrExit(): void {
  try {
    readEnv();
  } catch (error) {
    console.error(`Refusing to start: ${(error as Error).message}`);
    process.exit(1);
  }
}
