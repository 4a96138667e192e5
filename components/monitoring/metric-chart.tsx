'use client';

import dynamic from 'next/dynamic';
import { ChartSlot } from '@/components/ui/chart-slot';
import type { MetricSeries } from './metric-chart-draw';

// The drawing (recharts) is its own chunk, loaded when the chart comes into view.
const Draw = dynamic(() => import('./metric-chart-draw').then((m) => m.MetricChartDraw), { ssr: false });

/** One metric over time, one line per group, with its threshold and warning band. The table beside it carries the same figures. */
export function MetricChart({ series }: { series: MetricSeries }) {
  return (
    <ChartSlot height="16rem">
      <Draw series={series} />
    </ChartSlot>
  );
}
