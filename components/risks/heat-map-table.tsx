import { band, BAND_LABELS, type ScaleLevel } from '@/lib/risks/scale';

type Cell = { likelihood: number; impact: number; count: number };

const TONE = { LOW: 'bg-emerald-50', MEDIUM: 'bg-yellow-50', HIGH: 'bg-orange-100', CRITICAL: 'bg-red-100' } as const;

/** The 5 × 5 grid as a table: likelihood down (5 at the top), impact across. */
export function HeatMapTable({ caption, cells, scale, linkFor }: { caption: string; cells: Cell[]; scale: ScaleLevel[]; linkFor?: (l: number, i: number) => string }) {
  const count = (l: number, i: number) => cells.find((c) => c.likelihood === l && c.impact === i)?.count ?? 0;
  const label = (axis: 'LIKELIHOOD' | 'IMPACT', level: number) => scale.find((s) => s.axis === axis && s.level === level)?.label ?? String(level);
  return (
    <table className="w-full border-collapse text-center text-sm">
      <caption className="mb-2 text-left font-medium">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="p-1 text-left text-xs">Likelihood ＼ Impact</th>
          {[1, 2, 3, 4, 5].map((i) => (
            <th key={i} scope="col" className="p-1 text-xs">{i} {label('IMPACT', i)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[5, 4, 3, 2, 1].map((l) => (
          <tr key={l}>
            <th scope="row" className="p-1 text-left text-xs">{l} {label('LIKELIHOOD', l)}</th>
            {[1, 2, 3, 4, 5].map((i) => {
              const n = count(l, i);
              const b = band(l * i);
              return (
                <td key={i} className={`border border-slate-300 p-2 ${TONE[b]}`} title={`${BAND_LABELS[b]} (score ${l * i})`}>
                  {n && linkFor ? <a href={linkFor(l, i)} aria-label={`${n} risks, likelihood ${l}, impact ${i}`}>{n}</a> : n || <span className="text-slate-600">0</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
