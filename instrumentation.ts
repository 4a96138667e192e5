// Runs once when the server starts: a production server without its secrets
// (or with a malformed environment) stops here instead of serving requests.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironmentOrExit } = await import('./lib/platform/startup');
    checkEnvironmentOrExit();
  }
}
