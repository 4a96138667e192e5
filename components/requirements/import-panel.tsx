'use client';

import { useRef, useState } from 'react';
import { inputClass } from '@/components/ui/form';
import { IMPORT_MAX_BYTES, OSCAL_IMPORT_MAX_BYTES, STATUS_LABELS, type Status } from '@/lib/requirements/schema/labels';

type Summary = {
  id: string;
  kind: 'csv' | 'oscal';
  fileName: string;
  frameworkKey: string;
  newFramework: string | null;
  rows: number;
  creates: { frameworkKey: string; ref: string; title: string }[];
  changes: { frameworkKey: string; ref: string; fields: string[] }[];
  cellChanges: { frameworkKey: string; ref: string; system: string; from: Status; to: Status }[];
  unchanged: number;
  invalid: { row: number; ref: string | null; reason: string }[];
  notes?: string[];
};
type Phase = { kind: 'idle' } | { kind: 'uploading'; pct: number } | { kind: 'checking' } | { kind: 'applying' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const LIST = 50;

function upload(form: FormData, onProgress: (pct: number) => void): Promise<{ status: number; body: unknown }> {
  // XMLHttpRequest, because fetch cannot report upload progress.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/imports/preview');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) });
      } catch {
        resolve({ status: xhr.status, body: { error: { message: `The server answered ${xhr.status}.` } } });
      }
    };
    xhr.onerror = () => reject(new Error('The upload failed (network error).'));
    xhr.send(form);
  });
}

/** Upload → preview (nothing written) → confirm (all or nothing), with progress throughout. */
export function ImportPanel() {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [summary, setSummary] = useState<Summary | null>(null);
  const [kind, setKind] = useState<'csv' | 'oscal'>('csv');
  const fileRef = useRef<HTMLInputElement>(null);
  const busy = phase.kind === 'uploading' || phase.kind === 'checking' || phase.kind === 'applying';

  const preview = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSummary(null);
    const files = [...(fileRef.current?.files ?? [])];
    if (!files.length) return setPhase({ kind: 'error', text: 'Choose a file to import.' });
    const size = files.reduce((n, f) => n + f.size, 0);
    const max = kind === 'csv' ? IMPORT_MAX_BYTES : OSCAL_IMPORT_MAX_BYTES;
    if (size > max) return setPhase({ kind: 'error', text: `The upload is ${(size / 1024 / 1024).toFixed(1)} MB; ${kind === 'csv' ? 'CSV' : 'OSCAL'} imports are limited to ${mb(max)}. Split the file and import it in parts.` });
    const form = new FormData(e.currentTarget);
    setPhase({ kind: 'uploading', pct: 0 });
    try {
      const res = await upload(form, (pct) => setPhase(pct >= 100 ? { kind: 'checking' } : { kind: 'uploading', pct }));
      if (res.status !== 201) return setPhase({ kind: 'error', text: (res.body as { error?: { message?: string } }).error?.message ?? 'The preview failed.' });
      setSummary(res.body as Summary);
      setPhase({ kind: 'idle' });
    } catch (err) {
      setPhase({ kind: 'error', text: (err as Error).message });
    }
  };

  const confirm = async () => {
    if (!summary) return;
    setPhase({ kind: 'applying' });
    const res = await fetch(`/api/v1/imports/${summary.id}/confirm`, { method: 'POST' });
    const body = (await res.json()) as { created?: number; changed?: number; cellsChanged?: number; error?: { message: string } };
    if (!res.ok) return setPhase({ kind: 'error', text: body.error?.message ?? 'The import failed; nothing was written.' });
    setSummary(null);
    setPhase({ kind: 'done', text: `Imported ${summary.fileName}: ${body.created} created, ${body.changed} changed, ${body.cellsChanged} matrix cells updated.` });
  };

  const nothing = summary && !summary.creates.length && !summary.changes.length && !summary.cellChanges.length;
  return (
    <div className="space-y-4">
      <form onSubmit={preview} className="flex flex-wrap items-end gap-3" aria-label="Upload a file to preview">
        <div>
          <label htmlFor="import-kind" className="block text-sm font-medium">Format</label>
          <select id="import-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as 'csv' | 'oscal')} className={inputClass}>
            <option value="csv">Requirements CSV</option>
            <option value="oscal">OSCAL catalog, or profile with its catalog (JSON)</option>
          </select>
        </div>
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium">{kind === 'csv' ? `File (max ${mb(IMPORT_MAX_BYTES)})` : `File(s) (max ${mb(OSCAL_IMPORT_MAX_BYTES)} in all)`}</label>
          <input id="import-file" ref={fileRef} name="file" type="file" multiple={kind === 'oscal'} accept={kind === 'csv' ? '.csv,text/csv' : '.json,application/json'} aria-describedby={kind === 'oscal' ? 'import-file-hint' : undefined} className={inputClass} />
          {kind === 'oscal' ? <p id="import-file-hint" className="mt-1 text-xs text-slate-600">For a baseline (OSCAL profile), choose the profile and the catalog it imports together.</p> : null}
        </div>
        {kind === 'oscal' ? (
          <div>
            <label htmlFor="import-key" className="block text-sm font-medium">Framework key (optional)</label>
            <input id="import-key" name="frameworkKey" placeholder="from the catalog title" className={inputClass} />
          </div>
        ) : null}
        <button type="submit" disabled={busy} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60">Preview</button>
      </form>

      <div aria-live="polite">
        {phase.kind === 'uploading' ? (
          <div>
            <p className="text-sm">Uploading… {phase.pct}%</p>
            <progress max={100} value={phase.pct} className="w-full" aria-label="Upload progress" />
          </div>
        ) : null}
        {phase.kind === 'checking' ? <p className="text-sm"><progress aria-label="Checking the file" /> Checking every row…</p> : null}
        {phase.kind === 'applying' ? <p className="text-sm"><progress aria-label="Applying the import" /> Applying the import in one transaction…</p> : null}
        {phase.kind === 'done' ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">{phase.text}</p> : null}
        {phase.kind === 'error' ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{phase.text}</p> : null}
      </div>

      {summary ? (
        <section aria-label="Import preview" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="import-preview">
          <h2 className="text-base font-semibold">Preview of {summary.fileName}</h2>
          <p className="text-sm">
            {summary.rows} rows · {summary.newFramework ? `new framework “${summary.newFramework}” (${summary.frameworkKey}) · ` : ''}
            <strong>{summary.creates.length}</strong> to create · <strong>{summary.changes.length}</strong> to change · <strong>{summary.cellChanges.length}</strong> matrix cells to change · {summary.unchanged} unchanged ·{' '}
            <strong className={summary.invalid.length ? 'text-red-700' : ''}>{summary.invalid.length} invalid</strong>
          </p>
          {summary.invalid.length ? (
            <div>
              <h3 className="text-sm font-semibold text-red-800">Invalid rows — fix them and preview again; nothing is imported while any row is invalid</h3>
              <ul className="list-disc pl-5 text-sm">
                {summary.invalid.slice(0, 200).map((r, i) => (
                  <li key={i}>Row {r.row}{r.ref ? ` (${r.ref})` : ''}: {r.reason}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {summary.notes?.length ? (
            <ul className="list-disc pl-5 text-sm text-slate-700" aria-label="Not applied">
              {summary.notes.map((n, i) => <li key={i}>{n}</li>)}
            </ul>
          ) : null}
          {summary.creates.length ? (
            <details>
              <summary className="cursor-pointer text-sm font-medium">To create ({summary.creates.length})</summary>
              <ul className="list-disc pl-5 text-sm">{summary.creates.slice(0, LIST).map((c) => <li key={`${c.frameworkKey}${c.ref}`}>{c.frameworkKey} {c.ref} — {c.title}</li>)}</ul>
              {summary.creates.length > LIST ? <p className="text-xs">…and {summary.creates.length - LIST} more</p> : null}
            </details>
          ) : null}
          {summary.changes.length ? (
            <details open>
              <summary className="cursor-pointer text-sm font-medium">To change ({summary.changes.length})</summary>
              <ul className="list-disc pl-5 text-sm">{summary.changes.slice(0, LIST).map((c) => <li key={`${c.frameworkKey}${c.ref}`}>{c.frameworkKey} {c.ref}: {c.fields.join(', ')}</li>)}</ul>
            </details>
          ) : null}
          {summary.cellChanges.length ? (
            <details open>
              <summary className="cursor-pointer text-sm font-medium">Matrix cells to change ({summary.cellChanges.length})</summary>
              <ul className="list-disc pl-5 text-sm">{summary.cellChanges.slice(0, LIST).map((c) => <li key={`${c.frameworkKey}${c.ref}${c.system}`}>{c.frameworkKey} {c.ref} · {c.system}: {STATUS_LABELS[c.from]} → {STATUS_LABELS[c.to]}</li>)}</ul>
            </details>
          ) : null}
          {nothing && !summary.invalid.length ? <p className="text-sm">The file matches what is already here: nothing to import.</p> : null}
          <div className="flex gap-3">
            <button type="button" onClick={confirm} disabled={busy || Boolean(summary.invalid.length) || Boolean(nothing)} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60">
              Confirm import
            </button>
            <button type="button" onClick={() => setSummary(null)} className="rounded-md border border-slate-300 px-3 py-2 text-sm">Discard</button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
