// Runs once when the server starts: a production server without its secrets
// (or with a malformed environment) stops here instead of serving requests.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironmentOrExit } = await import('./lib/platform/startup');
    checkEnvironmentOrExit();
  }
  // Zod's default messages become ones a person can act on, for every
  // Server Action and API route of this process (the map lives in the form kit).
  const { installFormErrorMap } = await import('./components/ui/form/error-map');
  installFormErrorMap();
}
