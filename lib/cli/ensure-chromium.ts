import { ensureChromium } from '@/lib/platform/chromium';

try {
  console.log(`chromium: ${await ensureChromium()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
