// What a read of the audit chain waits for first: the seals of the events
// this process committed (lib/audit/seal.ts registers it). No imports, so the
// database client, the verifier and command-line tools can all use it.
let barrier: (() => Promise<void>) | null = null;

export function setChainReadBarrier(run: () => Promise<void>): void {
  barrier = run;
}

/** Resolves once every event this process committed before the call is chained. */
export function chainReadBarrier(): Promise<void> | null {
  return barrier ? barrier() : null;
}
