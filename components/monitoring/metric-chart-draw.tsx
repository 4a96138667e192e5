'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type MetricSeries = {
  name: string;
  attribute: string;
  direction: string;
  threshold: number;
  warningAt: number;
  baseline: number | null;
  groups: string[];
  points: { at: string; values: Record<string, number | null> }[];
};

// At least 3:1 against white, distinguishable side by side.
const COLOURS = ['#1d4ed8', '#b91c1c', '#0f766e', '#7c3aed', '#c2410c', '#0e7490', '#be185d', '#4d7c0f', '#334155', '#a16207'];

/** Decorative for screen readers: the table under the chart has the same figures. */
export function MetricChartDraw({ series }: { series: MetricSeries }) {
  const data = series.points.map((p) => ({ at: p.at.slice(0, 10), ...p.values }));
  const values = series.points.flatMap((p) => Object.values(p.values).filter((v): v is number => v !== null));
  const lo = Math.min(series.threshold, series.warningAt, ...values);
  const hi = Math.max(series.threshold, series.warningAt, ...values);
  const pad = (hi - lo) * 0.1 || 0.05;
  const domain: [number, number] = [Number((lo - pad).toFixed(3)), Number((hi + pad).toFixed(3))];
  return (
    <figure aria-hidden="true" className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" minTickGap={24} tick={{ fill: '#334155', fontSize: 12 }} />
          <YAxis domain={domain} tick={{ fill: '#334155', fontSize: 12 }} tickFormatter={(v: number) => v.toFixed(2)} />
          <Tooltip />
          <Legend />
          <ReferenceArea y1={Math.min(series.threshold, series.warningAt)} y2={Math.max(series.threshold, series.warningAt)} fill="#f59e0b" fillOpacity={0.15} ifOverflow="extendDomain" />
          <ReferenceLine y={series.threshold} stroke="#b91c1c" strokeDasharray="6 3" label={{ value: `threshold ${series.threshold}`, fill: '#7f1d1d', fontSize: 11, position: 'insideBottomRight' }} />
          <ReferenceLine y={series.warningAt} stroke="#a16207" strokeDasharray="2 2" label={{ value: `warning ${series.warningAt.toFixed(3)}`, fill: '#713f12', fontSize: 11, position: 'insideTopRight' }} />
          {series.baseline !== null ? <ReferenceLine y={series.baseline} stroke="#334155" strokeDasharray="1 3" /> : null}
          {series.groups.map((g, i) => (
            <Line key={g} type="monotone" dataKey={g} stroke={COLOURS[i % COLOURS.length]} dot={false} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        {series.name} {series.attribute ? `by ${series.attribute}` : ''} over time; see the table.
      </figcaption>
    </figure>
  );
}
