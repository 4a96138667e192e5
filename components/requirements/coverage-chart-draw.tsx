'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

type Row = { name: string; coveredPct: number; mappedPct: number };

/** Coverage one framework gives the others. Decorative for screen readers: the table beside it carries the same figures. */
export function CoverageChartDraw({ source, rows }: { source: string; rows: Row[] }) {
  const data = rows.slice(0, 20).map((r) => ({ name: r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name, 'Covered (equivalent or superset)': r.coveredPct, 'Touched by any mapping': Math.max(0, r.mappedPct - r.coveredPct) }));
  return (
    <figure aria-hidden="true" className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => `${v} %`} />
          <Legend />
          <Bar dataKey="Covered (equivalent or superset)" stackId="c" fill="#0f766e" />
          <Bar dataKey="Touched by any mapping" stackId="c" fill="#93c5fd" />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">Coverage that {source} gives other frameworks; see the table.</figcaption>
    </figure>
  );
}
