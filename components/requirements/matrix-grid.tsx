'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { bulkUpdateCellsAction, updateCellAction } from '@/lib/requirements/actions';
import { MATRIX_WINDOW, STATUS_LABELS, STATUS_SHORT, STATUSES, type MatrixCellView, type MatrixRow, type MatrixSystem, type Status } from '@/lib/requirements/schema';

const ROW_H = 44;
const WINDOW = MATRIX_WINDOW;
const OVERSCAN = 8;
const FIRST_COL = 340;
const COL_W = 132;

export const STATUS_TONE: Record<Status, string> = {
  NOT_ASSESSED: 'bg-white text-slate-700',
  NOT_APPLICABLE: 'bg-slate-200 text-slate-800',
  NON_COMPLIANT: 'bg-red-100 text-red-900',
  PARTIALLY_COMPLIANT: 'bg-amber-100 text-amber-900',
  COMPLIANT: 'bg-green-100 text-green-900',
};

type Window = { rows: MatrixRow[]; editableRowIds: string[] };
type Props = {
  systems: MatrixSystem[];
  total: number;
  initial: Window;
  /** The current filters as a query string, for fetching further windows. */
  query: string;
  canEditAnything: boolean;
};
type Pos = { row: number; col: number };
type Editing = { row: number; col: number };

/**
 * The matrix: the server sends rows in windows of 100, this keeps the
 * windows it has and renders only the rows in view (plus a few), so 2,000
 * requirements × 50 systems stays light. Keyboard: arrows move, Enter edits,
 * Esc cancels, Space selects cells for a bulk update.
 */
export function MatrixGrid({ systems, total, initial, query, canEditAnything }: Props) {
  const [windows, setWindows] = useState<Map<number, Window>>(() => new Map([[0, initial]]));
  const inflight = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(560);
  const [focus, setFocus] = useState<Pos>({ row: 0, col: 1 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const focusAfterRender = useRef(false);

  const editableRows = useMemo(() => new Set([...windows.values()].flatMap((w) => w.editableRowIds)), [windows]);
  const rowAt = useCallback((i: number) => windows.get(Math.floor(i / WINDOW))?.rows[i % WINDOW], [windows]);

  const canEdit = (row: MatrixRow | undefined, sys: MatrixSystem | undefined) =>
    Boolean(row && sys && !row.derivedStatus && (sys.canEdit || editableRows.has(row.id)));

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((scrollTop + viewport) / ROW_H) + OVERSCAN);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const needed = new Set<number>();
    for (let w = Math.floor(first / WINDOW); w <= Math.floor(Math.max(last, 0) / WINDOW); w++) needed.add(w);
    for (const w of needed) {
      if (windows.has(w) || inflight.current.has(w)) continue;
      inflight.current.add(w);
      fetch(`/api/v1/matrix?${query}${query ? '&' : ''}offset=${w * WINDOW}&limit=${WINDOW}`, { headers: { accept: 'application/json' } })
        .then(async (res) => {
          if (!res.ok) throw new Error(((await res.json()) as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`);
          const data = (await res.json()) as Window;
          setWindows((prev) => new Map(prev).set(w, { rows: data.rows, editableRowIds: data.editableRowIds }));
        })
        .catch((e: Error) => setLoadError(`Could not load rows: ${e.message}`))
        .finally(() => inflight.current.delete(w));
    }
  }, [first, last, query, windows]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-pos="${focus.row}:${focus.col}"]`)?.focus();
  });

  const moveTo = (row: number, col: number) => {
    const r = Math.max(0, Math.min(total - 1, row));
    const c = Math.max(0, Math.min(systems.length, col));
    const el = scroller.current;
    if (el) {
      const top = r * ROW_H;
      const headerH = ROW_H;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_H > el.scrollTop + el.clientHeight - headerH) el.scrollTop = top + ROW_H - el.clientHeight + headerH;
      const left = FIRST_COL + (c - 1) * COL_W;
      if (c > 0 && left < el.scrollLeft + FIRST_COL) el.scrollLeft = left - FIRST_COL;
      else if (c > 0 && left + COL_W > el.scrollLeft + el.clientWidth) el.scrollLeft = left + COL_W - el.clientWidth;
      else if (c === 0) el.scrollLeft = 0;
    }
    focusAfterRender.current = true;
    setFocus({ row: r, col: c });
  };

  const toggle = (row: MatrixRow | undefined, col: number) => {
    const sys = systems[col - 1];
    if (!row || !sys || !canEdit(row, sys)) return;
    const key = `${row.id}|${sys.id}`;
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const { row, col } = focus;
    const page = Math.max(1, Math.floor(viewport / ROW_H) - 2);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(row + 1, col),
      ArrowUp: () => moveTo(row - 1, col),
      ArrowRight: () => moveTo(row, col + 1),
      ArrowLeft: () => moveTo(row, col - 1),
      PageDown: () => moveTo(row + page, col),
      PageUp: () => moveTo(row - page, col),
      Home: () => moveTo(e.ctrlKey ? 0 : row, e.ctrlKey ? col : 0),
      End: () => moveTo(e.ctrlKey ? total - 1 : row, e.ctrlKey ? col : systems.length),
      Enter: () => {
        if (col > 0 && canEdit(rowAt(row), systems[col - 1])) setEditing({ row, col });
      },
      ' ': () => toggle(rowAt(row), col),
    };
    const run = keys[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };

  const patchCells = (changes: { rowId: string; sysId: string; cell: Partial<MatrixCellView> }[]) => {
    setWindows((prev) => {
      const next = new Map(prev);
      for (const [w, win] of next) {
        let touched = false;
        const rows = win.rows.map((r) => {
          const mine = changes.filter((c) => c.rowId === r.id);
          if (!mine.length) return r;
          touched = true;
          const cells = [...r.cells];
          for (const c of mine) {
            const j = systems.findIndex((s) => s.id === c.sysId);
            if (j >= 0) cells[j] = { ...cells[j], ...c.cell };
          }
          return { ...r, cells };
        });
        if (touched) next.set(w, { ...win, rows });
      }
      return next;
    });
  };

  const editingRow = editing ? rowAt(editing.row) : undefined;
  const editingSys = editing ? systems[editing.col - 1] : undefined;
  const width = FIRST_COL + systems.length * COL_W;
  const template = `${FIRST_COL}px repeat(${systems.length}, ${COL_W}px)`;

  return (
    // contain: inline-size keeps the wide grid from widening the page; it scrolls inside its own box.
    <div className="[contain:inline-size]">
      <p id="matrix-help" className="mb-2 text-sm text-slate-600">
        {total.toLocaleString()} requirement{total === 1 ? '' : 's'} × {systems.length} AI system{systems.length === 1 ? '' : 's'}. Arrow keys move, Enter edits a cell, Esc cancels
        {canEditAnything ? ', Space selects cells for a bulk update' : ''}. Cells you cannot edit are read-only.
      </p>
      {loadError ? <p role="alert" className="mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{loadError}</p> : null}
      {message ? <p role={message.ok ? 'status' : 'alert'} className={cn('mb-2 rounded-md px-3 py-2 text-sm', message.ok ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-800')}>{message.text}</p> : null}
      {selected.size ? (
        <BulkBar
          count={selected.size}
          onClear={() => setSelected(new Set())}
          onApply={async (status, reason, justification) => {
            const cells = [...selected].map((k) => {
              const [requirementId, systemId] = k.split('|');
              return { requirementId, systemId };
            });
            const res = await bulkUpdateCellsAction(null, { cells, status, reason, justification });
            setMessage({ ok: res.ok, text: res.message ?? (res.ok ? 'Saved.' : 'Failed.') });
            if (res.ok) {
              patchCells(cells.map((c) => ({ rowId: c.requirementId, sysId: c.systemId, cell: { status, justification: justification || null } })));
              setSelected(new Set());
            }
            return res;
          }}
        />
      ) : null}
      <div
        ref={scroller}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        className="relative h-[560px] overflow-auto rounded-lg border border-slate-300 bg-white"
        role="grid"
        aria-label="Requirements matrix"
        aria-describedby="matrix-help"
        aria-rowcount={total + 1}
        aria-colcount={systems.length + 1}
        aria-multiselectable={canEditAnything || undefined}
        data-testid="matrix-grid"
      >
        <div style={{ width, height: (total + 1) * ROW_H }} className="relative">
          <div role="row" aria-rowindex={1} className="sticky top-0 z-20 grid border-b border-slate-300 bg-slate-100" style={{ gridTemplateColumns: template, height: ROW_H, width }}>
            <div role="columnheader" className="sticky left-0 z-30 flex items-center bg-slate-100 px-3 text-xs font-semibold uppercase tracking-wide text-slate-800">
              Requirement
            </div>
            {systems.map((s) => (
              <div key={s.id} role="columnheader" className="flex items-center border-l border-slate-300 px-2 text-xs font-semibold text-slate-800" title={`${s.name} (${s.regions.join(', ')})`}>
                <span className="line-clamp-2">{s.name}</span>
              </div>
            ))}
          </div>
          {total > 0 && last >= first
            ? Array.from({ length: last - first + 1 }, (_, k) => first + k).map((i) => {
                const row = rowAt(i);
                return (
                  <div
                    key={i}
                    role="row"
                    aria-rowindex={i + 2}
                    data-testid={row ? 'matrix-row' : 'matrix-row-loading'}
                    className="absolute left-0 grid border-b border-slate-200"
                    style={{ top: (i + 1) * ROW_H, height: ROW_H, gridTemplateColumns: template, width }}
                  >
                    <div
                      role="rowheader"
                      tabIndex={focus.row === i && focus.col === 0 ? 0 : -1}
                      data-pos={`${i}:0`}
                      onFocus={() => setFocus({ row: i, col: 0 })}
                      className="sticky left-0 z-10 flex min-w-0 items-center gap-2 overflow-hidden bg-white px-3 text-sm focus:outline focus:outline-2 focus:-outline-offset-2 focus:outline-brand-600"
                    >
                      {row ? (
                        <>
                          <a href={`/requirements/items/${row.id}`} tabIndex={-1} className="shrink-0 font-mono text-xs font-semibold">
                            {row.ref}
                          </a>
                          <span className="truncate" title={`${row.frameworkName}: ${row.title}`}>{row.title}</span>
                          {row.overdue ? <span className="shrink-0 rounded bg-red-100 px-1 text-[11px] font-semibold text-red-900">Review overdue</span> : null}
                          {row.derivedStatus ? <span className="shrink-0 rounded bg-brand-50 px-1 text-[11px] text-brand-800">From controls</span> : null}
                        </>
                      ) : (
                        <span className="text-slate-600">Loading…</span>
                      )}
                    </div>
                    {systems.map((s, j) => {
                      const cell = row?.cells[j];
                      const col = j + 1;
                      const editable = canEdit(row, s);
                      const isSel = row ? selected.has(`${row.id}|${s.id}`) : false;
                      const status = cell?.status ?? 'NOT_ASSESSED';
                      return (
                        <div
                          key={s.id}
                          role="gridcell"
                          tabIndex={focus.row === i && focus.col === col ? 0 : -1}
                          data-pos={`${i}:${col}`}
                          aria-selected={canEditAnything ? isSel : undefined}
                          aria-readonly={!editable || undefined}
                          aria-label={row ? `${row.ref}, ${s.name}: ${STATUS_LABELS[status]}${cell && !cell.applies ? ' (framework not applied to this system)' : ''}` : 'Loading'}
                          onFocus={() => setFocus({ row: i, col })}
                          onClick={(e) => {
                            setFocus({ row: i, col });
                            if (e.ctrlKey || e.metaKey || e.shiftKey) toggle(row, col);
                          }}
                          onDoubleClick={() => editable && setEditing({ row: i, col })}
                          className={cn(
                            'flex cursor-default items-center justify-center border-l border-slate-200 text-xs font-semibold focus:outline focus:outline-2 focus:-outline-offset-2 focus:outline-brand-600',
                            row ? STATUS_TONE[status] : 'bg-white',
                            cell && !cell.applies && 'opacity-60',
                            isSel && 'ring-2 ring-inset ring-brand-700',
                          )}
                          title={cell?.justification ?? cell?.notes ?? undefined}
                        >
                          {row ? STATUS_SHORT[status] : ''}
                        </div>
                      );
                    })}
                  </div>
                );
              })
            : null}
          {editing && editingRow && editingSys ? (
            <CellEditor
              key={`${editing.row}:${editing.col}`}
              row={editingRow}
              system={editingSys}
              systemIndex={editing.col - 1}
              style={{ top: (editing.row + 2) * ROW_H, left: Math.min(FIRST_COL + (editing.col - 1) * COL_W, width - 360) }}
              onClose={() => {
                setEditing(null);
                focusAfterRender.current = true;
              }}
              onSaved={(cell, text) => {
                patchCells([{ rowId: editingRow.id, sysId: editingSys.id, cell }]);
                setMessage({ ok: true, text });
                setEditing(null);
                focusAfterRender.current = true;
              }}
            />
          ) : null}
        </div>
      </div>
      {total === 0 ? <p className="mt-3 text-sm text-slate-700">No requirements match these filters. Clear a filter to see more.</p> : null}
    </div>
  );
}

function CellEditor({ row, system, systemIndex, style, onClose, onSaved }: { row: MatrixRow; system: MatrixSystem; systemIndex: number; style: { top: number; left: number }; onClose: () => void; onSaved: (cell: Partial<MatrixCellView>, message: string) => void }) {
  const cell = row.cells[systemIndex];
  const [status, setStatus] = useState<Status>(cell.status);
  const [justification, setJustification] = useState(cell.justification ?? '');
  const [notes, setNotes] = useState(cell.notes ?? '');
  const [evidenceUrl, setEvidenceUrl] = useState(cell.evidenceUrl ?? '');
  const [errors, setErrors] = useState<Record<string, string[]> | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const id = `cell-${row.id}-${system.id}`;
  return (
    <form
      role="dialog"
      aria-label={`Edit ${row.ref} for ${system.name}`}
      className="absolute z-40 w-[360px] space-y-2 rounded-lg border border-slate-300 bg-white p-3 text-sm shadow-lg"
      style={style}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
        e.stopPropagation();
      }}
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const res = await updateCellAction(null, { requirementId: row.id, systemId: system.id, status, justification, notes, evidenceUrl });
        setPending(false);
        if (res.ok) onSaved({ status, justification: justification || null, notes: notes || null, evidenceUrl: evidenceUrl || null }, `${row.ref} for ${system.name}: ${STATUS_LABELS[status]}.`);
        else {
          setErrors(res.fieldErrors);
          setError(res.message);
        }
      }}
    >
      <p className="font-semibold">
        {row.ref} · {system.name}
      </p>
      <div>
        <label htmlFor={`${id}-status`} className="block text-xs font-medium">Status</label>
        <select id={`${id}-status`} ref={first} value={status} onChange={(e) => setStatus(e.target.value as Status)} className={inputClass}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </select>
      </div>
      {status === 'NOT_APPLICABLE' ? (
        <div>
          <label htmlFor={`${id}-just`} className="block text-xs font-medium">Justification (required)</label>
          <textarea id={`${id}-just`} value={justification} onChange={(e) => setJustification(e.target.value)} rows={2} className={inputClass} aria-invalid={errors?.justification ? true : undefined} />
          {errors?.justification ? <p className="text-xs text-red-700">{errors.justification.join(' ')}</p> : null}
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-notes`} className="block text-xs font-medium">Notes</label>
        <textarea id={`${id}-notes`} value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} className={inputClass} />
      </div>
      <div>
        <label htmlFor={`${id}-url`} className="block text-xs font-medium">Evidence link</label>
        <input id={`${id}-url`} value={evidenceUrl} onChange={(e) => setEvidenceUrl(e.target.value)} placeholder="https://…" className={inputClass} />
        {errors?.evidenceUrl ? <p className="text-xs text-red-700">{errors.evidenceUrl.join(' ')}</p> : null}
      </div>
      {error ? <p role="alert" className="text-xs font-medium text-red-700">{error}</p> : null}
      <div className="flex items-center gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">Cancel</button>
        <a href={`/requirements/cell?requirementId=${row.id}&systemId=${system.id}`} className="ml-auto text-xs">History</a>
      </div>
    </form>
  );
}

function BulkBar({ count, onClear, onApply }: { count: number; onClear: () => void; onApply: (status: Status, reason: string, justification: string) => Promise<{ ok: boolean; fieldErrors?: Record<string, string[]> }> }) {
  const [status, setStatus] = useState<Status>('COMPLIANT');
  const [reason, setReason] = useState('');
  const [justification, setJustification] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]> | undefined>();
  const [pending, setPending] = useState(false);
  return (
    <form
      aria-label="Bulk update"
      className="mb-3 flex flex-wrap items-end gap-3 rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const res = await onApply(status, reason, justification);
        setPending(false);
        setErrors(res.ok ? undefined : res.fieldErrors);
      }}
    >
      <p className="font-medium" role="status">{count} cell{count === 1 ? '' : 's'} selected</p>
      <div>
        <label htmlFor="bulk-status" className="block text-xs font-medium">Set status to</label>
        <select id="bulk-status" value={status} onChange={(e) => setStatus(e.target.value as Status)} className={inputClass}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </select>
      </div>
      {status === 'NOT_APPLICABLE' ? (
        <div>
          <label htmlFor="bulk-just" className="block text-xs font-medium">Justification</label>
          <input id="bulk-just" value={justification} onChange={(e) => setJustification(e.target.value)} className={inputClass} />
          {errors?.justification ? <p className="text-xs text-red-700">{errors.justification.join(' ')}</p> : null}
        </div>
      ) : null}
      <div className="min-w-64 flex-1">
        <label htmlFor="bulk-reason" className="block text-xs font-medium">Reason (recorded once for all)</label>
        <input id="bulk-reason" value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />
        {errors?.reason ? <p className="text-xs text-red-700">{errors.reason.join(' ')}</p> : null}
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Updating…' : `Update ${count}`}
      </button>
      <button type="button" onClick={onClear} className="rounded-md border border-slate-300 bg-white px-3 py-2">Clear selection</button>
    </form>
  );
}
