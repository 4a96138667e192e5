'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { ChartSlot } from '@/components/ui/chart-slot';
import { SEVERITY_COLORS, STATUS_COLORS, chartLabel as label, type Row } from './chart-data';

// The drawings are a chunk of their own (charts-draw.tsx, recharts), loaded when a chart is shown.
const Draw = dynamic(() => import('./charts-draw').then((m) => m.StackedBarsDraw), { ssr: false });
const TrendDraw = dynamic(() => import('./charts-draw').then((m) => m.TrendLineDraw), { ssr: false });


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
      <div role="img" aria-label={`${title}. The same data is available as a table below.`}>
        <ChartSlot height={Math.max(height, rows.length * 30 + 70)}>
          <Draw rows={rows} keys={keys} labelKey={labelKey} colors={colors} />
        </ChartSlot>
      </div>
      <DataTable caption={title} rows={rows} keys={keys} labelKey={labelKey} hrefFor={hrefFor} />
    </figure>
  );
}

export function TrendLine({ title, rows }: { title: string; rows: { quarter: string; compliantPct: number; assessedPct: number }[] }) {
  return (
    <figure>
      <div role="img" aria-label={`${title}. The same data is available as a table below.`}>
        <ChartSlot height={220}>
          <TrendDraw rows={rows} />
        </ChartSlot>
      </div>
      <DataTable caption={title} rows={rows} keys={['compliantPct', 'assessedPct']} labelKey="quarter" hrefFor={(r) => `/reviews/${r.quarter}`} />
    </figure>
  );
}
