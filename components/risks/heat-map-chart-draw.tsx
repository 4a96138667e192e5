'use client';

import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';

type Cell = { likelihood: number; impact: number; count: number };

/** The drawing of the heat map (recharts), loaded by heat-map-chart.tsx when it comes into view. */
export function HeatMapChartDraw({ inherent, residual }: { inherent: Cell[]; residual: Cell[] }) {
  // Residual points sit a little to the right of their cell so both stay visible.
  const i = inherent.map((c) => ({ x: c.impact - 0.12, y: c.likelihood, z: c.count }));
  const r = residual.map((c) => ({ x: c.impact + 0.12, y: c.likelihood, z: c.count }));
  return (
    <figure aria-hidden="true" className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid />
          <XAxis type="number" dataKey="x" name="Impact" domain={[0.5, 5.5]} ticks={[1, 2, 3, 4, 5]} allowDecimals={false} label={{ value: 'Impact', position: 'insideBottom', offset: -12 }} />
          <YAxis type="number" dataKey="y" name="Likelihood" domain={[0.5, 5.5]} ticks={[1, 2, 3, 4, 5]} allowDecimals={false} label={{ value: 'Likelihood', angle: -90, position: 'insideLeft' }} />
          <ZAxis type="number" dataKey="z" range={[60, 900]} name="Risks" />
          <Tooltip formatter={(v, n) => (n === 'Impact' || n === 'Likelihood' ? Math.round(Number(v)) : v)} />
          <Legend verticalAlign="top" />
          <Scatter name="Inherent" data={i} fill="#b91c1c" fillOpacity={0.6} />
          <Scatter name="Residual" data={r} fill="#1d4ed8" fillOpacity={0.6} />
        </ScatterChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">Risks by likelihood and impact, inherent and residual; see the tables.</figcaption>
    </figure>
  );
}
