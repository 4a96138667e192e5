// Runs once when the server starts: a production server without its secrets
// (or with a malformed environment) stops here instead of serving requests;
// then every request's forwarded headers are rewritten from the socket's peer
// (Next.js itself trusts a client-sent X-Forwarded-For).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironmentOrExit } = await import('./lib/platform/startup');
    const env = checkEnvironmentOrExit();
    const { installForwardedGuard } = await import('./lib/platform/forwarded');
    installForwardedGuard(env.TRUST_PROXY_HOPS);
  }
}
