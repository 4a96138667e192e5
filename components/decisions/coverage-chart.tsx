'use client';

import dynamic from 'next/dynamic';
import { ChartSlot } from '@/components/ui/chart-slot';

type Row = { day: string; coverage: number };

const Draw = dynamic(() => import('./coverage-chart-draw').then((m) => m.CoverageChartDraw), { ssr: false });

/** Explanation coverage per day. Decorative for screen readers: the table below carries the same numbers. */
export function CoverageChart({ rows }: { rows: Row[] }) {
  return (
    <ChartSlot height="14rem">
      <Draw rows={rows} />
    </ChartSlot>
  );
}
