'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

type Row = { groupValue: string; selectionRate: number | null; recall: number | null; accuracy: number | null };

/** Per-group rates for one attribute. Decorative for screen readers: the table beside it carries the same numbers. */
export function FairnessChartDraw({ attribute, rows }: { attribute: string; rows: Row[] }) {
  const data = rows.map((r) => ({ group: r.groupValue, 'Selection rate': r.selectionRate, 'True-positive rate': r.recall, Accuracy: r.accuracy }));
  return (
    <figure aria-hidden="true" className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="group" />
          <YAxis domain={[0, 1]} />
          <Tooltip />
          <Legend />
          <Bar dataKey="Selection rate" fill="#1d4ed8" />
          <Bar dataKey="True-positive rate" fill="#0f766e" />
          <Bar dataKey="Accuracy" fill="#7c3aed" />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">Per-group rates for {attribute}; see the table.</figcaption>
    </figure>
  );
}
