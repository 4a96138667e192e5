'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * Downloads the evidence pack with visible progress: the pack is streamed
 * and its exact size is known up front, so the bar shows real bytes.
 */
export function PackDownload({ auditId }: { auditId: string }) {
  const [state, setState] = useState<{ phase: 'idle' | 'working' | 'done' | 'error'; received: number; total: number; message?: string }>({ phase: 'idle', received: 0, total: 0 });

  async function download() {
    setState({ phase: 'working', received: 0, total: 0 });
    try {
      const res = await fetch(`/api/v1/audits/${auditId}/evidence-pack`);
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The pack could not be built (${res.status}).`);
      }
      const total = Number(res.headers.get('content-length') ?? 0);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'evidence-pack.zip';
      const reader = res.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        received += value.length;
        setState({ phase: 'working', received, total });
      }
      const url = URL.createObjectURL(new Blob(chunks, { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
      setState({ phase: 'done', received, total, message: `Downloaded ${name} (${(received / 1024).toFixed(0)} KB). Verify it offline with npm run verify-pack.` });
    } catch (error) {
      setState({ phase: 'error', received: 0, total: 0, message: error instanceof Error ? error.message : 'The download failed.' });
    }
  }

  const pct = state.total ? Math.round((state.received / state.total) * 100) : 0;
  return (
    <div className="space-y-2">
      <Button onClick={download} disabled={state.phase === 'working'} aria-busy={state.phase === 'working'}>
        {state.phase === 'working' ? 'Building pack…' : 'Export evidence pack'}
      </Button>
      {state.phase === 'working' ? (
        <div>
          <label htmlFor="pack-progress" className="text-sm text-slate-700">
            {state.total ? `${pct}% (${(state.received / 1024).toFixed(0)} of ${(state.total / 1024).toFixed(0)} KB)` : `${(state.received / 1024).toFixed(0)} KB received`}
          </label>
          <progress id="pack-progress" className="block w-full" max={state.total || undefined} value={state.total ? state.received : undefined} />
        </div>
      ) : null}
      {state.message ? (
        <p role={state.phase === 'error' ? 'alert' : 'status'} className={state.phase === 'error' ? 'text-sm text-red-800' : 'text-sm text-green-900'}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
