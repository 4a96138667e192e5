'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export type Pos = { row: number; col: number };

type Options = {
  scroller: RefObject<HTMLDivElement | null>;
  total: number;
  columns: number;
  rowHeight: number;
  firstColumn: number;
  columnWidth: number;
  viewport: number;
  /** Suspends the grid's keys while a cell editor has focus. */
  editing: boolean;
  onEnter: (pos: Pos) => void;
  onSpace: (pos: Pos) => void;
};

/**
 * The grid's keyboard model (ARIA grid with roving tabindex): arrows,
 * PageUp/PageDown, Home/End (with Ctrl for the first/last row), Enter and
 * Space; keeps the focused cell scrolled into view.
 */
export function useGridKeyboard({ scroller, total, columns, rowHeight, firstColumn, columnWidth, viewport, editing, onEnter, onSpace }: Options) {
  const [focus, setFocus] = useState<Pos>({ row: 0, col: 1 });
  const focusAfterRender = useRef(false);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-pos="${focus.row}:${focus.col}"]`)?.focus();
  });

  const moveTo = (row: number, col: number) => {
    const r = Math.max(0, Math.min(total - 1, row));
    const c = Math.max(0, Math.min(columns, col));
    const el = scroller.current;
    if (el) {
      const top = r * rowHeight;
      let scrollTop = el.scrollTop;
      if (top < scrollTop) scrollTop = top;
      else if (top + rowHeight > scrollTop + el.clientHeight - rowHeight) scrollTop = top + rowHeight - el.clientHeight + rowHeight;
      const left = firstColumn + (c - 1) * columnWidth;
      let scrollLeft = el.scrollLeft;
      if (c > 0 && left < scrollLeft + firstColumn) scrollLeft = left - firstColumn;
      else if (c > 0 && left + columnWidth > scrollLeft + el.clientWidth) scrollLeft = left + columnWidth - el.clientWidth;
      else if (c === 0) scrollLeft = 0;
      el.scrollTo({ top: scrollTop, left: scrollLeft });
    }
    focusAfterRender.current = true;
    setFocus({ row: r, col: c });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const { row, col } = focus;
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 2);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(row + 1, col),
      ArrowUp: () => moveTo(row - 1, col),
      ArrowRight: () => moveTo(row, col + 1),
      ArrowLeft: () => moveTo(row, col - 1),
      PageDown: () => moveTo(row + page, col),
      PageUp: () => moveTo(row - page, col),
      Home: () => moveTo(e.ctrlKey ? 0 : row, e.ctrlKey ? col : 0),
      End: () => moveTo(e.ctrlKey ? total - 1 : row, e.ctrlKey ? col : columns),
      Enter: () => onEnter(focus),
      ' ': () => onSpace(focus),
    };
    const run = keys[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };

  /** Gives focus back to the current cell after the next render (an editor closed). */
  const refocus = () => {
    focusAfterRender.current = true;
  };

  return { focus, setFocus, onKeyDown, refocus };
}
