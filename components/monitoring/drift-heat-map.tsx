import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { fmt } from './badges';

type Cell = { windowId: string; feature: string; method: string; score: number; threshold: number; level: string };
type Window = { windowId: string; endsAt: string };

const TONE: Record<string, string> = { OK: 'bg-green-50 text-green-900', WARNING: 'bg-amber-100 text-amber-950', BREACH: 'bg-red-200 text-red-950' };
const MARK: Record<string, string> = { OK: '', WARNING: ' ▲', BREACH: ' ✖' };

/**
 * Features × windows: each cell is the feature's drift score in that window,
 * coloured and marked by its level (▲ warning, ✖ drift). A table, so it reads
 * as one; a feature's name opens its detail.
 */
export function DriftHeatMap({ features, windows, cells, basePath, selected }: { features: { name: string; method: string; threshold: number }[]; windows: Window[]; cells: Cell[]; basePath: string; selected?: string }) {
  const at = new Map(cells.map((c) => [`${c.feature}|${c.windowId}`, c]));
  return (
    <Table caption="Drift heat map: score per feature and window (▲ warning, ✖ drift)">
      <thead>
        <tr>
          <Th>Feature (method, threshold)</Th>
          {windows.map((w) => (
            <Th key={w.windowId} className="whitespace-nowrap px-1 text-[10px] normal-case">
              <LocalTime iso={w.endsAt} dateOnly />
            </Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {features.map((f) => (
          <tr key={f.name}>
            <th scope="row" className="px-3 py-2 text-left text-sm font-medium">
              <Link href={`${basePath}?feature=${encodeURIComponent(f.name)}#feature-detail`} aria-current={selected === f.name ? 'true' : undefined}>
                {f.name}
              </Link>
              <div className="text-xs font-normal text-slate-600">
                {f.method}, {f.threshold}
              </div>
            </th>
            {windows.map((w) => {
              const c = at.get(`${f.name}|${w.windowId}`);
              return (
                <Td key={w.windowId} className={cn('whitespace-nowrap px-1 text-center text-[11px] tabular-nums', c ? TONE[c.level] : '')}>
                  {c ? `${fmt(c.score, 2)}${MARK[c.level] ?? ''}` : '—'}
                </Td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
