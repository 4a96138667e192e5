'use client';

import dynamic from 'next/dynamic';
import { ChartSlot } from '@/components/ui/chart-slot';

type Row = { name: string; coveredPct: number; mappedPct: number };

// The drawing (recharts) is its own chunk, loaded when the chart is shown.
const Draw = dynamic(() => import('./coverage-chart-draw').then((m) => m.CoverageChartDraw), { ssr: false });

/** Coverage one framework gives the others. Decorative for screen readers: the table beside it carries the same figures. */
export function CoverageChart({ source, rows }: { source: string; rows: Row[] }) {
  return (
    <ChartSlot height={Math.max(200, Math.min(rows.length, 20) * 28 + 60)}>
      <Draw source={source} rows={rows} />
    </ChartSlot>
  );
}
