'use client';

import dynamic from 'next/dynamic';
import { ChartSlot } from '@/components/ui/chart-slot';

type Cell = { likelihood: number; impact: number; count: number };

// The drawing (recharts) is its own chunk, loaded when the chart is shown.
const Draw = dynamic(() => import('./heat-map-chart-draw').then((m) => m.HeatMapChartDraw), { ssr: false });

/** Inherent and residual positions of the register. Decorative for screen readers: the tables beside it carry the same counts. */
export function HeatMapChart({ inherent, residual }: { inherent: Cell[]; residual: Cell[] }) {
  return (
    <ChartSlot height="20rem">
      <Draw inherent={inherent} residual={residual} />
    </ChartSlot>
  );
}
