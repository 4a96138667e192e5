'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import type { FormHints } from '@/components/ui/form';
import type { MatrixCellView, MatrixRow, MatrixSystem } from '@/lib/requirements/schema';
import { MATRIX_WINDOW, STATUS_LABELS, STATUS_SHORT, type Status } from '@/lib/requirements/schema/labels';
import { BulkBar } from './matrix/bulk-bar';
import { CellEditor } from './matrix/cell-editor';
import { useGridKeyboard } from './matrix/use-grid-keyboard';

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
  /** The cell and bulk forms' hints, read from their schemas on the server. */
  hints: { cell: FormHints; bulk: FormHints };
};
type Editing = { row: number; col: number };

/**
 * The matrix: the server sends rows in windows of 100, this keeps the
 * windows it has and renders only the rows in view (plus a few), so 2,000
 * requirements × 50 systems stays light. Keyboard: arrows move, Enter edits,
 * Esc cancels, Space selects cells for a bulk update.
 */
export function MatrixGrid({ systems, total, initial, query, canEditAnything, hints }: Props) {
  const [windows, setWindows] = useState<Map<number, Window>>(() => new Map([[0, initial]]));
  const inflight = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(560);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

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

  const { focus, setFocus, onKeyDown, refocus } = useGridKeyboard({
    scroller,
    total,
    columns: systems.length,
    rowHeight: ROW_H,
    firstColumn: FIRST_COL,
    columnWidth: COL_W,
    viewport,
    editing: Boolean(editing),
    onEnter: ({ row, col }) => {
      if (col > 0 && canEdit(rowAt(row), systems[col - 1])) setEditing({ row, col });
    },
    onSpace: ({ row, col }) => toggle(rowAt(row), col),
  });

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
          hints={hints.bulk}
          cells={[...selected].map((k) => {
            const [requirementId, systemId] = k.split('|');
            return { requirementId, systemId };
          })}
          onClear={() => setSelected(new Set())}
          onDone={(status, justification, text) => {
            setMessage({ ok: true, text });
            patchCells([...selected].map((k) => {
              const [rowId, sysId] = k.split('|');
              return { rowId, sysId, cell: { status, justification } };
            }));
            setSelected(new Set());
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
              hints={hints.cell}
              row={editingRow}
              system={editingSys}
              systemIndex={editing.col - 1}
              style={{ top: (editing.row + 2) * ROW_H, left: Math.min(FIRST_COL + (editing.col - 1) * COL_W, width - 360) }}
              onClose={() => {
                setEditing(null);
                refocus();
              }}
              onSaved={(cell, text) => {
                patchCells([{ rowId: editingRow.id, sysId: editingSys.id, cell }]);
                setMessage({ ok: true, text });
                setEditing(null);
                refocus();
              }}
            />
          ) : null}
        </div>
      </div>
      {total === 0 ? <p className="mt-3 text-sm text-slate-700">No requirements match these filters. Clear a filter to see more.</p> : null}
    </div>
  );
}
