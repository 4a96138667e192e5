'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

type Result = { ok: boolean; message: string; fieldErrors?: Record<string, string[]> };

/**
 * Uploads evidence to POST /api/v1/evidence as multipart with upload
 * progress. The server checks type, size and content; its message is shown.
 */
export function EvidenceUploadForm({ children, label, submitLabel = 'Add evidence' }: { children: ReactNode; label: string; submitLabel?: string }) {
  const router = useRouter();
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get('file');
    if (file && typeof file !== 'string' && !file.name && file.size === 0) data.delete('file');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/evidence');
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      setProgress(null);
      const body = JSON.parse(xhr.responseText || '{}') as { title?: string; error?: { message: string; fieldErrors?: Record<string, string[]> } };
      if (xhr.status >= 200 && xhr.status < 300) {
        setResult({ ok: true, message: `Evidence "${body.title}" added.` });
        form.reset();
        router.refresh();
      } else {
        setResult({ ok: false, message: body.error?.message ?? `Upload failed (${xhr.status}).`, fieldErrors: body.error?.fieldErrors });
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setResult({ ok: false, message: 'The upload did not reach the server. Check the connection and try again.' });
    };
    setResult(null);
    setProgress(0);
    xhr.send(data);
  }

  return (
    <form onSubmit={submit} aria-label={label} className="space-y-3" encType="multipart/form-data">
      {children}
      {progress !== null ? (
        <div>
          <label htmlFor="upload-progress" className="text-sm text-slate-700">Uploading… {progress}%</label>
          <progress id="upload-progress" className="block w-full" max={100} value={progress} />
        </div>
      ) : null}
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={`rounded-md px-3 py-2 text-sm ${result.ok ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-800'}`}>
          {result.message}
        </p>
      ) : null}
      <Button type="submit" disabled={progress !== null} aria-busy={progress !== null}>
        {progress !== null ? 'Uploading…' : submitLabel}
      </Button>
    </form>
  );
}
