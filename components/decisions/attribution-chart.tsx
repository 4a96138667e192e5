'use client';

import dynamic from 'next/dynamic';
import { ChartSlot } from '@/components/ui/chart-slot';

type Row = { feature: string; attribution: number };

// The drawing (recharts) is its own chunk, loaded when the chart is shown.
const Draw = dynamic(() => import('./attribution-chart-draw').then((m) => m.AttributionChartDraw), { ssr: false });

/** Per-feature attributions as horizontal bars. Decorative for screen readers: the table under it carries the same numbers. */
export function AttributionChart({ rows }: { rows: Row[] }) {
  return (
    <ChartSlot height={`${Math.max(8, rows.length * 1.75 + 3)}rem`}>
      <Draw rows={rows} />
    </ChartSlot>
  );
}
