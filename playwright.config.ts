import { defineConfig, devices } from '@playwright/test';

// `npm test` (lib/tooling/cli/test.ts) sets BASE_URL, DATABASE_URL and the secrets,
// builds the app and runs this. Playwright's own browser download is not
// reachable here, so the system Chromium is used.
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const port = new URL(baseURL).port || '80';
const ci = Boolean(process.env.CI);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const serverEnv: Record<string, string> = {};
for (const name of ['DATABASE_URL', 'NEXTAUTH_URL', 'PUBLIC_URL', 'NEXTAUTH_SECRET', 'SIGNING_PRIVATE_KEY', 'DEMO_MODE'] as const) {
  const value = process.env[name];
  if (value !== undefined) serverEnv[name] = value;
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  // CI runs the spec files one at a time (two side by side time out on a loaded
  // two-core machine); E2E_WORKERS overrides either default.
  workers: Number(process.env.E2E_WORKERS ?? (ci ? 1 : 2)),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.data/playwright-report.json' }]],
  use: {
    baseURL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Each role signs in once through the real form; specs reuse the sessions.
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: { launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS } } },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    command: `npx next start -p ${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { ...serverEnv, NEXT_TELEMETRY_DISABLED: '1' },
  },
});
