'use client';

import Link from 'next/link';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { enumLabel } from '@/lib/format';

// Colours chosen for contrast and to stay apart for common colour-vision deficiencies.
const STATUS_COLORS: Record<string, string> = {
  COMPLIANT: '#15803d',
  PARTIALLY_COMPLIANT: '#a16207',
  NON_COMPLIANT: '#b91c1c',
  NOT_APPLICABLE: '#475569',
  // Every fill at least 3:1 against white (WCAG 1.4.11); legend text is dark, not the fill colour.
  NOT_ASSESSED: '#78869b',
};
const SEVERITY_COLORS: Record<string, string> = { CRITICAL: '#7f1d1d', HIGH: '#dc2626', MEDIUM: '#b45309', LOW: '#64748b' };
const LEGEND_TEXT = { color: '#1e293b' };
/** Long category names (framework titles) are shortened on the axis; the table below has them whole. */
const shorten = (v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v);
const NAMES: Record<string, string> = { compliantPct: 'Compliant of assessed (%)', assessedPct: 'Assessed of all cells (%)' };
const label = (k: string) => NAMES[k] ?? enumLabel(k);

type Row = Record<string, string | number>;

/** Every chart has its data as a table right below it, for screen readers and for reading exact numbers. */
function DataTable({ caption, rows, keys, labelKey, hrefFor }: { caption: string; rows: Row[]; keys: string[]; labelKey: string; hrefFor?: (row: Row) => string }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-brand-700">Show the data as a table</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="min-w-full text-left text-xs">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1">{label(labelKey)}</th>
              {keys.map((k) => (
                <th key={k} scope="col" className="px-2 py-1 text-right">{label(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r[labelKey])} className="border-t border-slate-200">
                <th scope="row" className="px-2 py-1 font-normal">{hrefFor ? <Link href={hrefFor(r)}>{String(r[labelKey])}</Link> : String(r[labelKey])}</th>
                {keys.map((k) => (
                  <td key={k} className="px-2 py-1 text-right">{r[k] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function StackedBars({
  title,
  rows,
  keys,
  labelKey,
  palette,
  link,
  height = 260,
}: {
  title: string;
  rows: Row[];
  keys: string[];
  labelKey: string;
  palette: 'status' | 'severity';
  /** Rows link to `${prefix}${row[key]}` (plain data: server components pass it). */
  link?: { prefix: string; key?: string };
  height?: number;
}) {
  const hrefFor = link ? (row: Row) => `${link.prefix}${link.key ? encodeURIComponent(String(row[link.key])) : ''}` : undefined;
  const colors = palette === 'status' ? STATUS_COLORS : SEVERITY_COLORS;
  return (
    <figure>
      <div role="img" aria-label={`${title}. The same data is available as a table below.`} style={{ height: Math.max(height, rows.length * 30 + 70) }}>
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
      </div>
      <DataTable caption={title} rows={rows} keys={keys} labelKey={labelKey} hrefFor={hrefFor} />
    </figure>
  );
}

export function TrendLine({ title, rows }: { title: string; rows: { quarter: string; compliantPct: number; assessedPct: number }[] }) {
  return (
    <figure>
      <div role="img" aria-label={`${title}. The same data is available as a table below.`} style={{ height: 220 }}>
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
      </div>
      <DataTable caption={title} rows={rows} keys={['compliantPct', 'assessedPct']} labelKey="quarter" hrefFor={(r) => `/reviews/${r.quarter}`} />
    </figure>
  );
}
