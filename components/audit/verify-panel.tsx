'use client';

import { useCallback, useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';

type Result = { intact: boolean; checked: number; headSeq: number; headHash: string; firstBrokenSeq: number | null; pending: number };

/** Runs the chain verification through the API and shows the outcome. */
export function VerifyPanel({ canVerify }: { canVerify: boolean }) {
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(canVerify);

  const run = useCallback(() => {
    setRunning(true);
    void fetchVerification().then(({ result, error }) => {
      setResult(result);
      setError(error);
      setRunning(false);
    });
  }, []);

  useEffect(() => {
    if (!canVerify) return;
    let live = true;
    void fetchVerification().then(({ result, error }) => {
      if (!live) return;
      setResult(result);
      setError(error);
      setRunning(false);
    });
    return () => {
      live = false;
    };
  }, [canVerify]);

  if (!canVerify) return <p className="text-sm text-slate-700">Your role can read the trail but not run the integrity check.</p>;
  return (
    <div className="space-y-2" aria-live="polite" data-testid="verify-panel">
      {running ? <p className="text-sm">Verifying every event in the hash chain…</p> : null}
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {result && !running ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {result.intact ? <Badge tone="good">Intact</Badge> : <Badge tone="bad">Broken at event #{result.firstBrokenSeq}</Badge>}
          <span data-testid="verify-checked">{result.checked.toLocaleString()} events checked</span>
          <span className="text-slate-600">
            head #{result.headSeq} · <code className="text-xs">{result.headHash.slice(0, 16)}…</code>
          </span>
          <span className="text-slate-600" data-testid="verify-pending">
            {result.pending === 0 ? 'every committed event is chained' : `${result.pending.toLocaleString()} committed event${result.pending === 1 ? '' : 's'} waiting to be chained`}
          </span>
        </div>
      ) : null}
      <Button variant="secondary" onClick={run} disabled={running} className="px-2 py-1 text-xs">
        Verify again
      </Button>
    </div>
  );
}

async function fetchVerification(): Promise<{ result: Result | null; error: string | null }> {
  try {
    const res = await fetch('/api/v1/audit-events/verify', { cache: 'no-store' });
    const body = await res.json();
    if (!res.ok) return { result: null, error: body?.error?.message ?? `Verification failed (${res.status})` };
    return { result: body as Result, error: null };
  } catch (e) {
    return { result: null, error: e instanceof Error ? e.message : 'Verification failed' };
  }
}
