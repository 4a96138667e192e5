'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

type Row = { day: string; coverage: number };

export function CoverageChartDraw({ rows }: { rows: Row[] }) {
  return (
    <figure aria-hidden="true" className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis domain={[0, 100]} unit=" %" />
          <Tooltip />
          <Line type="monotone" dataKey="coverage" name="Coverage (%)" stroke="#1d4ed8" dot={false} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">Explanation coverage per day; see the table.</figcaption>
    </figure>
  );
}
