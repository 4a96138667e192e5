'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LEGEND_TEXT, chartLabel as label, shorten, type Row } from './chart-data';

// The drawings (recharts), a chunk of their own: charts.tsx loads it when a chart is shown.

export function StackedBarsDraw({ rows, keys, labelKey, colors }: { rows: Row[]; keys: string[]; labelKey: string; colors: Record<string, string> }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} layout="vertical" margin={{ left: 24, right: 12 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey={labelKey} width={170} interval={0} tick={{ fontSize: 11, fill: '#1e293b' }} tickFormatter={(v: string) => shorten(String(v))} />
        <Tooltip />
        <Legend formatter={(v: string) => <span style={LEGEND_TEXT}>{label(v)}</span>} />
        {keys.map((k) => (
          <Bar key={k} dataKey={k} stackId="s" fill={colors[k] ?? '#1d4ed8'} name={k} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function TrendLineDraw({ rows }: { rows: { quarter: string; compliantPct: number; assessedPct: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={{ left: 0, right: 12 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="quarter" tick={{ fontSize: 11 }} />
        <YAxis domain={[0, 100]} unit="%" />
        <Tooltip />
        <Legend formatter={(v: string) => <span style={LEGEND_TEXT}>{v}</span>} />
        <Line type="monotone" dataKey="compliantPct" name="Compliant (of assessed)" stroke="#15803d" strokeWidth={2} isAnimationActive={false} />
        <Line type="monotone" dataKey="assessedPct" name="Assessed (of all cells)" stroke="#1d4ed8" strokeWidth={2} strokeDasharray="5 3" isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
