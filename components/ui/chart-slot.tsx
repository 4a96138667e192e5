'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Where a chart goes. The chart library is a separate chunk (each chart's
 * drawing is imported with next/dynamic), fetched only when the slot comes
 * near the viewport; until then the slot keeps its height so nothing moves.
 * Every chart keeps its data table outside the slot, so the figures are there
 * with or without the drawing.
 */
export function ChartSlot({ height, children }: { height: number | string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setShown(true);
          io.disconnect();
        }
      },
      { rootMargin: '200px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return (
    <div ref={ref} style={{ height }} className="w-full" data-testid="chart-slot">
      {shown ? children : null}
    </div>
  );
}
