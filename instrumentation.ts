// Runs once when the server starts: a production server without its secrets
// (or with a malformed environment) stops here instead of serving requests.
// Every request's forwarded headers are then rewritten from the socket's peer
// (Next.js itself passes a client-sent X-Forwarded-For through), and the job
// queue's workers start in this process, unless JOBS_IN_PROCESS=false leaves
// them to `npm run worker`. Every instance also seals audit events that a
// crashed process left pending (lib/audit/seal.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironmentOrExit } = await import('./lib/platform/startup');
    const env = checkEnvironmentOrExit();
    const { installForwardedGuard } = await import('./lib/platform/forwarded');
    installForwardedGuard(env.TRUST_PROXY_HOPS);
    // The proxy runs in this process but in its own bundle: it finds the
    // database probe here, to answer pages with 503 while the database is away.
    const { databaseReachable } = await import('./lib/platform/health');
    (globalThis as { __portalDatabaseReachable?: () => Promise<boolean> }).__portalDatabaseReachable = databaseReachable;
    const { startJobsInProcess } = await import('./lib/jobs/instance');
    startJobsInProcess();
    const { startBackgroundSealer } = await import('./lib/audit/seal');
    startBackgroundSealer();
  }
  // Zod's default messages become ones a person can act on, for every
  // Server Action and API route of this process (the map lives in the form kit).
  const { installFormErrorMap } = await import('./components/ui/form/error-map');
  installFormErrorMap();
}
