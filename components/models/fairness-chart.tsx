'use client';

import dynamic from 'next/dynamic';
import { ChartSlot } from '@/components/ui/chart-slot';

type Row = { groupValue: string; selectionRate: number | null; recall: number | null; accuracy: number | null };

// The drawing (recharts) is its own chunk, loaded when the chart is shown.
const Draw = dynamic(() => import('./fairness-chart-draw').then((m) => m.FairnessChartDraw), { ssr: false });

/** Per-group rates for one attribute. Decorative for screen readers: the table beside it carries the same numbers. */
export function FairnessChart({ attribute, rows }: { attribute: string; rows: Row[] }) {
  return (
    <ChartSlot height="16rem">
      <Draw attribute={attribute} rows={rows} />
    </ChartSlot>
  );
}
