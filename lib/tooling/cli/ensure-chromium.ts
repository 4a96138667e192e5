import { ensureChromium } from '@/lib/tooling/test/chromium';

try {
  console.log(`chromium: ${await ensureChromium()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
