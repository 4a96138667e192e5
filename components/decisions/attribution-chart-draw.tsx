'use client';

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

type Row = { feature: string; attribution: number };

/** Bars right of zero raised the score, left of zero lowered it. Decorative for screen readers: the table carries the numbers. */
export function AttributionChartDraw({ rows }: { rows: Row[] }) {
  return (
    <figure aria-hidden="true" className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" />
          <YAxis type="category" dataKey="feature" width={140} />
          <Tooltip />
          <ReferenceLine x={0} stroke="#334155" />
          <Bar dataKey="attribution" name="Attribution">
            {rows.map((r) => (
              <Cell key={r.feature} fill={r.attribution >= 0 ? '#b91c1c' : '#1d4ed8'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">Attributions per feature; see the table.</figcaption>
    </figure>
  );
}
